namespace Dashboard.Server.Transactions;

/// <summary>A staking action needs an L1 contract this server has no address for: a configuration gap, not the user's fault.</summary>
public sealed class MissingContractException(string name)
    : InvalidOperationException($"This dashboard has no address for the {name} contract on L1, so it cannot read or prepare this. " +
        $"Its operator sets Network__L1__Contracts__{name}__Address (and __StartBlock).")
{
    public string Name { get; } = name;
}
