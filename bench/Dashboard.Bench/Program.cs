using Dashboard.Bench;
using Dashboard.Devnet.Processes;

using var shutdown = new ShutdownSignal();
var what = args.Length > 0 ? args[0] : "indexer";
int? number = args.Length > 1 && int.TryParse(args[1], out var n) ? n : null;
return what switch
{
    "indexer" => await IndexerBenchmark.RunAsync(number ?? 90, shutdown.Token),
    "api" => await ApiBenchmark.RunAsync(number ?? 3, shutdown.Token),
    "backfill" => await BackfillBenchmark.RunAsync(number ?? 14, shutdown.Token),
    _ => Usage(),
};

static int Usage()
{
    Console.WriteLine("usage: Dashboard.Bench indexer [history-days] | api [years] | backfill [history-days]");
    return 2;
}
