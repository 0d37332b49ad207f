using System.Numerics;
using Nethereum.Signer;

namespace Dashboard.Ethereum.Crypto;

/// <summary>
/// secp256k1 through Nethereum: public keys, EIP-191 (<c>personal_sign</c>) recovery and recovery of a signer from a
/// raw hash. Small wrappers only: Nethereum throws on malformed input (an index error for a short signature), and
/// callers here want null — "no signer" — instead.
/// </summary>
public static class Signatures
{
    /// <summary>The 64-byte uncompressed public key (no 04 prefix) of a 32-byte private key.</summary>
    public static byte[] PublicKey(byte[] privateKey) => new EthECKey(privateKey, true).GetPubKeyNoPrefix();

    /// <summary>True when the 64 bytes (uncompressed, no 04 prefix) are a point on the curve.</summary>
    public static bool IsPublicKey(ReadOnlySpan<byte> publicKey64)
    {
        if (publicKey64.Length != 64)
        {
            return false;
        }

        try
        {
            _ = new EthECKey([0x04, .. publicKey64], false).GetPubKey();
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The account that signed <paramref name="message"/> with <c>personal_sign</c>, or null when the signature is malformed.</summary>
    public static Address? RecoverPersonalSigner(string message, string signatureHex)
    {
        if (!Hex.TryDecode(signatureHex, out var signature) || signature.Length != 65)
        {
            return null;
        }

        try
        {
            return Address.TryParse(new EthereumMessageSigner().EncodeUTF8AndEcRecover(message, signatureHex), out var signer) ? signer : null;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or IndexOutOfRangeException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>
    /// The account that signed <paramref name="hash"/> as (r, s, v), v the recovery id 0 or 1 (27 or 28 accepted too) —
    /// as Metis' sequencers sign each L2 transaction hash (seqR, seqS, seqV). Null when nothing can be recovered.
    /// </summary>
    public static Address? RecoverSigner(Hash32 hash, BigInteger r, BigInteger s, int v)
    {
        if (r.Sign <= 0 || s.Sign <= 0 || v is < 0 or > 28 || (v is > 1 and < 27))
        {
            return null;
        }

        try
        {
            var signature = EthECDSASignatureFactory.FromComponents(Word(r), Word(s), (byte)(v >= 27 ? v : v + 27));
            var key = EthECKey.RecoverFromSignature(signature, hash.ToBytes());
            return key is null ? null : Address.FromPublicKey(key.GetPubKeyNoPrefix());
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or IndexOutOfRangeException or InvalidOperationException)
        {
            return null;
        }
    }

    private static byte[] Word(BigInteger value)
    {
        var bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        if (bytes.Length > 32)
        {
            throw new ArgumentException("A signature component is at most 32 bytes.");
        }

        var word = new byte[32];
        bytes.CopyTo(word, 32 - bytes.Length);
        return word;
    }
}
