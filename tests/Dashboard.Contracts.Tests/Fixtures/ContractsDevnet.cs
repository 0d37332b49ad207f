using Dashboard.Devnet.Network;

namespace Dashboard.Contracts.Tests.Fixtures;

/// <summary>
/// One devnet for every contract test: two anvil chains with our contracts deployed and wired, three sequencers
/// locked on L1 and six funded holders. Tests never leave changes behind (see <see cref="ContractTest"/>), so they
/// all start from this state.
/// </summary>
public sealed class ContractsDevnet : IAsyncLifetime
{
    public LocalDevnet Devnet { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Devnet = await LocalDevnet.StartAsync(new LocalDevnetOptions { Sequencers = 3, Delegators = 6, MainnetDefaults = true }, _ => { });

    public async Task DisposeAsync() => await Devnet.DisposeAsync();
}
