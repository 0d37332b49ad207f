using Dashboard.Ethereum;

namespace Dashboard.Devnet.Network;

/// <summary>
/// Who is who on the devnet: anvil's unlocked dev accounts split into roles. Sequencer signers are separate,
/// deterministic key pairs (see <see cref="DevnetKey"/>).
/// </summary>
public sealed record DevnetAccounts(
    Address Admin,
    Address Mpc,
    Address RewardPayer,
    IReadOnlyList<Address> Operators,
    IReadOnlyList<Address> Delegators)
{
    /// <summary>Dev accounts anvil should create: 3 roles + operators + delegators.</summary>
    public static int Needed(int operators, int delegators) => 3 + operators + delegators;

    public static DevnetAccounts From(IReadOnlyList<Address> devAccounts, int operators)
    {
        if (devAccounts.Count < 3 + operators)
        {
            throw new InvalidOperationException($"anvil has {devAccounts.Count} dev accounts; the devnet needs at least {3 + operators}.");
        }

        return new DevnetAccounts(devAccounts[0], devAccounts[1], devAccounts[2],
            devAccounts.Skip(3).Take(operators).ToArray(), devAccounts.Skip(3 + operators).ToArray());
    }

    public Dictionary<string, Address> ToManifest()
    {
        var named = new Dictionary<string, Address>(StringComparer.Ordinal)
        {
            ["admin"] = Admin,
            ["mpc"] = Mpc,
            ["rewardPayer"] = RewardPayer,
        };
        for (var i = 0; i < Operators.Count; i++)
        {
            named[$"operator{i + 1}"] = Operators[i];
        }

        for (var i = 0; i < Delegators.Count; i++)
        {
            named[$"delegator{i + 1}"] = Delegators[i];
        }

        return named;
    }
}
