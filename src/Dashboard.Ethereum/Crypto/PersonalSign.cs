using System.Globalization;
using System.Numerics;
using System.Text;

namespace Dashboard.Ethereum.Crypto;

/// <summary>
/// EIP-191 version 0x45 messages (what wallets sign for <c>personal_sign</c>): the hash they sign and the
/// address that signed, recovered from the 65-byte signature.
/// </summary>
public static class PersonalSign
{
    public static byte[] Hash(ReadOnlySpan<byte> message)
    {
        var prefix = Encoding.ASCII.GetBytes("\x19" + "Ethereum Signed Message:\n" + message.Length.ToString(CultureInfo.InvariantCulture));
        var buffer = new byte[prefix.Length + message.Length];
        prefix.CopyTo(buffer, 0);
        message.CopyTo(buffer.AsSpan(prefix.Length));
        return Keccak256.Hash(buffer);
    }

    public static byte[] Hash(string message) => Hash(Encoding.UTF8.GetBytes(message));

    /// <summary>The signer of <paramref name="message"/>, or null when the signature is malformed or recovers nothing.</summary>
    public static Address? RecoverSigner(string message, string signatureHex)
    {
        if (!Hex.TryDecode(signatureHex, out var signature) || signature.Length != 65)
        {
            return null;
        }

        return RecoverSigner(Hash(message), signature);
    }

    public static Address? RecoverSigner(ReadOnlySpan<byte> hash, ReadOnlySpan<byte> signature65)
    {
        if (signature65.Length != 65)
        {
            return null;
        }

        var r = new BigInteger(signature65[..32], isUnsigned: true, isBigEndian: true);
        var s = new BigInteger(signature65[32..64], isUnsigned: true, isBigEndian: true);
        int v = signature65[64];
        var recoveryId = v >= 27 ? v - 27 : v;
        var publicKey = Secp256k1.Recover(hash, r, s, recoveryId);
        return publicKey is null ? null : Address.FromPublicKey(publicKey);
    }
}
