using System.Numerics;
using Dashboard.Ethereum;

namespace Dashboard.Data.Entities;

/// <summary>The arguments of one batchSubmitRewards transaction, decoded from its input.</summary>
public sealed class RewardBatchCall
{
    public long ChainId { get; set; }

    public Hash32 BlockHash { get; set; }

    public int LogIndex { get; set; }

    public Hash32 TxHash { get; set; }

    public long BatchId { get; set; }

    public long StartEpoch { get; set; }

    public long EndEpoch { get; set; }

    public byte[][] Seqs { get; set; } = [];

    public BigInteger[] Blocks { get; set; } = [];
}
