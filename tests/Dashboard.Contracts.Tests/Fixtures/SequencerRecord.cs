using System.Numerics;
using Dashboard.Contracts.LockingPool;
using Dashboard.Core.Api;
using Dashboard.Ethereum;

namespace Dashboard.Contracts.Tests.Fixtures;

/// <summary>The 13 fields of LockingPool's <c>sequencers(uint256)</c> getter, in the real Metis order.</summary>
public sealed record SequencerRecord(
    BigInteger Amount,
    BigInteger Reward,
    BigInteger ActivationBatch,
    BigInteger UpdatedBatch,
    BigInteger DeactivationBatch,
    BigInteger DeactivationTime,
    BigInteger UnlockClaimTime,
    BigInteger Nonce,
    Address Owner,
    Address Signer,
    byte[] Pubkey,
    Address RewardRecipient,
    SequencerStatus Status)
{
    public const string Signature = "sequencers(uint256)";

    public const string ReturnTypes = "uint256,uint256,uint256,uint256,uint256,uint256,uint256,uint256,address,address,bytes,address,uint8";

    public static SequencerRecord From(object?[] values) => new(
        (BigInteger)values[0]!,
        (BigInteger)values[1]!,
        (BigInteger)values[2]!,
        (BigInteger)values[3]!,
        (BigInteger)values[4]!,
        (BigInteger)values[5]!,
        (BigInteger)values[6]!,
        (BigInteger)values[7]!,
        (Address)values[8]!,
        (Address)values[9]!,
        (byte[])values[10]!,
        (Address)values[11]!,
        (SequencerStatus)(int)(BigInteger)values[12]!);
}
