using Dashboard.Data.Entities;
using Dashboard.Ethereum;
using Dashboard.Server.ReadModel;

namespace Dashboard.Server.Tests.ReadModel;

/// <summary>Each kind of governance change, said the way a delegator reads it.</summary>
public class ParameterReadsTests
{
    private static ParameterChange Change(string parameter, string value, string? old = null, string chain = "L1", Address? subject = null) =>
        new() { Chain = chain, Contract = chain == "L1" ? "LockingPool" : "MetisSequencerSet", Parameter = parameter, NewValue = value, OldValue = old, Subject = subject };

    [Theory]
    [InlineData("rewardPerBlock", "1000000000000000000", "800000000000000000", "Reward per block raised from 0.8 METIS to 1 METIS")]
    [InlineData("rewardPerBlock", "500000000000000000", "800000000000000000", "Reward per block lowered from 0.8 METIS to 0.5 METIS")]
    [InlineData("rewardPerBlock", "800000000000000000", "800000000000000000", "Reward per block set again to 0.8 METIS")]
    [InlineData("rewardPerBlock", "3333333333333333", "1000000000000000000", "Reward per block lowered from 1 METIS to 0.003333 METIS")]
    [InlineData("rewardPerBlock", "800000000000000000", "0", "Reward per block set to 0.8 METIS")]
    [InlineData("minLock", "20000000000000000000000", null, "Minimum lock set to 20,000 METIS")]
    [InlineData("maxLock", "100000000000000000000000", null, "Maximum lock set to 100,000 METIS")]
    [InlineData("exitDelay", "1814400", "1209600", "Exit delay raised from 14 days to 21 days")]
    [InlineData("exitDelay", "5400", "86400", "Exit delay lowered from 1 day to 90 minutes")]
    [InlineData("exitDelay", "7261", "86400", "Exit delay lowered from 1 day to 7,261 seconds")]
    [InlineData("signerUpdateThrottle", "1", null, "Signer updates limited to one every 1 reward batch")]
    [InlineData("signerUpdateThrottle", "4", null, "Signer updates limited to one every 4 reward batches")]
    [InlineData("paused", "true", null, "Locking pool paused: locks, relocks and withdrawals refused until unpaused")]
    [InlineData("paused", "false", null, "Locking pool unpaused")]
    public void Each_change_reads_as_a_sentence(string parameter, string value, string? old, string expected) =>
        Assert.Equal(expected, ParameterReads.Describe(Change(parameter, value, old)));

    [Fact]
    public void Addresses_and_the_chain_are_named()
    {
        var account = Address.Parse("0x52908400098527886E0F7030069857D2E4169EE7");
        Assert.Equal($"{account} allowed to lock as a sequencer", ParameterReads.Describe(Change("whitelist", "true", subject: account)));
        Assert.Equal($"{account} removed from the sequencer whitelist", ParameterReads.Describe(Change("whitelist", "false", subject: account)));
        Assert.Equal($"MPC address on L2 set to {account}", ParameterReads.Describe(Change("mpc", account.ToString(), chain: "L2")));
        Assert.Equal($"MPC address set to {account}", ParameterReads.Describe(Change("mpc", account.ToString())));
        Assert.Equal($"MetisSequencerSet upgraded to implementation {account}", ParameterReads.Describe(Change("implementation", account.ToString(), chain: "L2")));
        Assert.Equal("Epoch length set to 1,200 blocks", ParameterReads.Describe(Change("epochLength", "1200", chain: "L2")));
    }
}
