using Dashboard.Ethereum;

namespace Dashboard.Contracts.Deployment;

/// <summary>Where a contract lives and the block it was deployed in (indexing starts there).</summary>
public sealed record ContractDeployment(Address Address, long StartBlock);
