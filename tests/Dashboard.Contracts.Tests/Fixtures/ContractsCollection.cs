namespace Dashboard.Contracts.Tests.Fixtures;

/// <summary>
/// The contract tests share one devnet and run one at a time: each test changes the chains and puts them back
/// with evm_revert, which would undo a neighbour's work if two ran at once.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ContractsCollection : ICollectionFixture<ContractsDevnet>
{
    public const string Name = "Contracts on the devnet";
}
