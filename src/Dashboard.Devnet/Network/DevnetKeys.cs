using System.Globalization;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Crypto;

namespace Dashboard.Devnet.Network;

/// <summary>
/// Deterministic sequencer signer keys for the devnet (keccak of a label): the 64-byte public key that
/// LockingPool checks against the signer address needs a real key pair. They exist only on the devnet, where
/// anvil impersonates the signers for the transactions they send.
/// </summary>
public sealed record DevnetKey(byte[] PrivateKey, byte[] PublicKey, Address Address)
{
    public static DevnetKey Signer(int index) => FromLabel("metis-dashboard-devnet-signer-" + index.ToString(CultureInfo.InvariantCulture));

    public static DevnetKey FromLabel(string label)
    {
        var privateKey = Nethereum.Util.Sha3Keccack.Current.CalculateHash(System.Text.Encoding.UTF8.GetBytes(label));
        var publicKey = Signatures.PublicKey(privateKey);
        return new DevnetKey(privateKey, publicKey, Address.FromPublicKey(publicKey));
    }
}
