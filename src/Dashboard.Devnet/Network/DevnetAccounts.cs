using Dashboard.Ethereum;

namespace Dashboard.Devnet.Network;

/// <summary>
/// Who is who on the devnet: anvil's unlocked dev accounts (the same on both chains) split into roles.
/// Sequencer signers are separate, deterministic key pairs (see <see cref="DevnetKey"/>).
/// </summary>
public sealed record DevnetAccounts(
    Address Admin,
    Address Mpc,
    Address RewardPayer,
    IReadOnlyList<Address> Operators,
    IReadOnlyList<Address> Delegators,
    IReadOnlyList<Address> Users)
{
    /// <summary>Dev accounts anvil should create.</summary>
    public static int Needed(int operators, int delegators, int users) => 3 + operators + delegators + users;

    public static DevnetAccounts From(IReadOnlyList<Address> devAccounts, int operators, int delegators)
    {
        if (devAccounts.Count < 3 + operators + delegators)
        {
            throw new InvalidOperationException($"anvil has {devAccounts.Count} dev accounts; the devnet needs at least {3 + operators + delegators}.");
        }

        return new DevnetAccounts(devAccounts[0], devAccounts[1], devAccounts[2],
            devAccounts.Skip(3).Take(operators).ToArray(),
            devAccounts.Skip(3 + operators).Take(delegators).ToArray(),
            devAccounts.Skip(3 + operators + delegators).ToArray());
    }

    public Dictionary<string, Address> ToManifest()
    {
        var named = new Dictionary<string, Address>(StringComparer.Ordinal)
        {
            ["admin"] = Admin,
            ["mpc"] = Mpc,
            ["rewardPayer"] = RewardPayer,
        };
        Add(named, "operator", Operators);
        Add(named, "delegator", Delegators);
        Add(named, "user", Users);
        return named;
    }

    private static void Add(Dictionary<string, Address> named, string role, IReadOnlyList<Address> accounts)
    {
        for (var i = 0; i < accounts.Count; i++)
        {
            named[$"{role}{i + 1}"] = accounts[i];
        }
    }
}
