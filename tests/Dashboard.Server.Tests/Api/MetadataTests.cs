using Dashboard.Core.Api;
using Dashboard.Testing;

namespace Dashboard.Server.Tests.Api;

/// <summary>
/// The sequencers' names as Metis publishes them (MetisProtocol/metis-sequencer-resources, sequencers/&lt;chainId&gt;/all.json):
/// owner as "address", signer as "seq_addr", avatars relative to the list's folder, a description and the
/// liquid-staking token — read as they are, served over HTTP as the real list is.
/// </summary>
public sealed class MetadataTests(ExplorerHistory history) : IClassFixture<ExplorerHistory>
{
    [Fact]
    public async Task Metis_own_list_format_names_the_sequencers_with_their_avatar_description_and_liquid_staking_token()
    {
        var sequencers = history.Devnet.Manifest.Sequencers;
        var (first, second) = (sequencers[0], sequencers[1]);
        // As in Metis' list: addresses in either case, {BASEDIR} asset paths, lst_* only on some entries, one broken entry.
        var list = $$"""
            [
              {
                "name": "Alpha Node",
                "avatar": "{BASEDIR}/assets/alpha.png",
                "desc": "Runs in Frankfurt",
                "address": "{{first.Owner.ToLowerHex()}}",
                "seq_addr": "{{first.Signer}}",
                "pubkey": "0x{{new string('a', 128)}}",
                "url": "https://alpha.example",
                "lst_name": "Artemis",
                "lst_url": "https://artemis.example/stake"
              },
              {
                "name": "Broken",
                "avatar": "{BASEDIR}/assets/broken.png",
                "desc": "A typo in its signer",
                "address": "0x12345",
                "seq_addr": "0x67890",
                "pubkey": "0x",
                "url": "https://broken.example"
              },
              {
                "name": "Beta Node",
                "avatar": "{BASEDIR}/assets/beta.svg",
                "desc": "Genesis Node",
                "address": "0x000000000000000000000000000000000000dEaD",
                "seq_addr": "{{second.Signer.ToLowerHex()}}",
                "pubkey": "0x{{new string('b', 128)}}",
                "url": "https://beta.example"
              }
            ]
            """;
        await using var host = new LoopbackHttpServer(context =>
        {
            var found = context.Request.Url!.AbsolutePath == "/sequencers/1088/all.json";
            return LoopbackHttpServer.WriteAsync(context, found ? list : "not found", found ? 200 : 404);
        });
        var baseUrl = host.Url.ToString();

        await using var server = history.StartReadOnlyServer(new Dictionary<string, string?> { ["Metadata:Url"] = baseUrl + "sequencers/1088/all.json" });
        using var client = server.CreateClient();
        var page = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<PageOf<SequencerSummary>>(client, "/api/sequencers?pageSize=500", ApiJson.Options);
        var alpha = page!.Items.Single(s => s.Id == first.Id);
        Assert.Equal("Alpha Node", alpha.Name);
        Assert.Equal(baseUrl + "sequencers/1088/assets/alpha.png", alpha.Avatar);
        Assert.Equal(("Artemis", "https://artemis.example/stake"), (alpha.LiquidStaking, alpha.LiquidStakingUrl));
        var beta = page.Items.Single(s => s.Id == second.Id);
        Assert.Equal("Beta Node", beta.Name);
        Assert.Null(beta.LiquidStaking);
        Assert.DoesNotContain(page.Items, s => s.Name == "Broken");

        var detail = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<SequencerDetail>(client, $"/api/sequencers/{first.Id}", ApiJson.Options);
        Assert.Equal(("Runs in Frankfurt", "https://alpha.example"), (detail!.Description, detail.Url));
    }
}
