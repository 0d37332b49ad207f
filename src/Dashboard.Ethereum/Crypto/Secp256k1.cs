using System.Globalization;
using System.Numerics;

namespace Dashboard.Ethereum.Crypto;

/// <summary>
/// The secp256k1 curve: public keys from private keys (for the devnet's own accounts) and public-key recovery
/// from signatures (to verify EIP-191 <c>personal_sign</c> messages). Arithmetic is plain <see cref="BigInteger"/>
/// in Jacobian coordinates. It is not constant-time, which is fine for verifying public signatures and for devnet
/// keys; it must never sign with a user's key (the server never holds one).
/// </summary>
public static class Secp256k1
{
    public static readonly BigInteger P = Parse("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F");
    public static readonly BigInteger N = Parse("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141");
    private static readonly BigInteger Gx = Parse("79BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798");
    private static readonly BigInteger Gy = Parse("483ADA7726A3C4655DA4FBFC0E1108A8FD17B448A68554199C47D08FFB10D4B8");

    /// <summary>The 64-byte uncompressed public key (x ‖ y, no 0x04 prefix) of a 32-byte private key.</summary>
    public static byte[] PublicKey(ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.Length != 32)
        {
            throw new ArgumentException("A private key is 32 bytes.", nameof(privateKey));
        }

        var d = new BigInteger(privateKey, isUnsigned: true, isBigEndian: true);
        if (d.IsZero || d >= N)
        {
            throw new ArgumentException("The private key is out of range for secp256k1.", nameof(privateKey));
        }

        var (x, y) = ToAffine(Multiply(new Jacobian(Gx, Gy, 1), d));
        return Encode(x, y);
    }

    /// <summary>
    /// Recovers the 64-byte public key that produced (r, s) over <paramref name="hash"/> with recovery id 0 or 1
    /// (Ethereum's v − 27); null when no valid key exists.
    /// </summary>
    public static byte[]? Recover(ReadOnlySpan<byte> hash, BigInteger r, BigInteger s, int recoveryId)
    {
        if (recoveryId is < 0 or > 3 || r.Sign <= 0 || r >= N || s.Sign <= 0 || s >= N)
        {
            return null;
        }

        var x = r + (recoveryId >= 2 ? N : BigInteger.Zero);
        if (x >= P)
        {
            return null;
        }

        var ySquared = Mod(BigInteger.ModPow(x, 3, P) + 7);
        var y = BigInteger.ModPow(ySquared, (P + 1) / 4, P);
        if (Mod(y * y) != ySquared)
        {
            return null;
        }

        if (y.IsEven != ((recoveryId & 1) == 0))
        {
            y = P - y;
        }

        var z = new BigInteger(hash, isUnsigned: true, isBigEndian: true);
        var rInverse = BigInteger.ModPow(r, N - 2, N);
        var u1 = ModN(-z * rInverse);
        var u2 = ModN(s * rInverse);
        var point = Add(Multiply(new Jacobian(Gx, Gy, 1), u1), Multiply(new Jacobian(x, y, 1), u2));
        if (point.IsInfinity)
        {
            return null;
        }

        var (qx, qy) = ToAffine(point);
        return Encode(qx, qy);
    }

    /// <summary>Whether 64 bytes are a point on the curve (x ‖ y).</summary>
    public static bool IsOnCurve(ReadOnlySpan<byte> publicKey64)
    {
        if (publicKey64.Length != 64)
        {
            return false;
        }

        var x = new BigInteger(publicKey64[..32], isUnsigned: true, isBigEndian: true);
        var y = new BigInteger(publicKey64[32..], isUnsigned: true, isBigEndian: true);
        return x < P && y < P && Mod(y * y) == Mod(BigInteger.ModPow(x, 3, P) + 7);
    }

    private readonly record struct Jacobian(BigInteger X, BigInteger Y, BigInteger Z)
    {
        public bool IsInfinity => Z.IsZero;
    }

    private static readonly Jacobian Infinity = new(0, 1, 0);

    private static Jacobian Multiply(Jacobian point, BigInteger scalar)
    {
        var result = Infinity;
        var addend = point;
        scalar = ModN(scalar);
        while (!scalar.IsZero)
        {
            if (!scalar.IsEven)
            {
                result = Add(result, addend);
            }

            addend = Double(addend);
            scalar >>= 1;
        }

        return result;
    }

    private static Jacobian Double(Jacobian p)
    {
        if (p.IsInfinity || p.Y.IsZero)
        {
            return Infinity;
        }

        var ysq = Mod(p.Y * p.Y);
        var s = Mod(4 * p.X * ysq);
        var m = Mod(3 * p.X * p.X);
        var nx = Mod(m * m - 2 * s);
        var ny = Mod(m * (s - nx) - 8 * ysq * ysq);
        var nz = Mod(2 * p.Y * p.Z);
        return new Jacobian(nx, ny, nz);
    }

    private static Jacobian Add(Jacobian p, Jacobian q)
    {
        if (p.IsInfinity)
        {
            return q;
        }

        if (q.IsInfinity)
        {
            return p;
        }

        var z1z1 = Mod(p.Z * p.Z);
        var z2z2 = Mod(q.Z * q.Z);
        var u1 = Mod(p.X * z2z2);
        var u2 = Mod(q.X * z1z1);
        var s1 = Mod(p.Y * q.Z * z2z2);
        var s2 = Mod(q.Y * p.Z * z1z1);
        if (u1 == u2)
        {
            return s1 == s2 ? Double(p) : Infinity;
        }

        var h = Mod(u2 - u1);
        var r = Mod(s2 - s1);
        var h2 = Mod(h * h);
        var h3 = Mod(h * h2);
        var u1h2 = Mod(u1 * h2);
        var nx = Mod(r * r - h3 - 2 * u1h2);
        var ny = Mod(r * (u1h2 - nx) - s1 * h3);
        var nz = Mod(h * p.Z * q.Z);
        return new Jacobian(nx, ny, nz);
    }

    private static (BigInteger X, BigInteger Y) ToAffine(Jacobian p)
    {
        var zInverse = BigInteger.ModPow(p.Z, P - 2, P);
        var z2 = Mod(zInverse * zInverse);
        return (Mod(p.X * z2), Mod(p.Y * z2 * zInverse));
    }

    private static byte[] Encode(BigInteger x, BigInteger y)
    {
        var bytes = new byte[64];
        x.TryWriteBytes(bytes.AsSpan(32 - x.GetByteCount(isUnsigned: true), x.GetByteCount(isUnsigned: true)), out _, isUnsigned: true, isBigEndian: true);
        y.TryWriteBytes(bytes.AsSpan(64 - y.GetByteCount(isUnsigned: true), y.GetByteCount(isUnsigned: true)), out _, isUnsigned: true, isBigEndian: true);
        return bytes;
    }

    private static BigInteger Mod(BigInteger value)
    {
        var r = value % P;
        return r.Sign < 0 ? r + P : r;
    }

    private static BigInteger ModN(BigInteger value)
    {
        var r = value % N;
        return r.Sign < 0 ? r + N : r;
    }

    private static BigInteger Parse(string hex) => BigInteger.Parse("0" + hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
}
