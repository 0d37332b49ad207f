using Dashboard.Bench;
using Dashboard.Devnet.Processes;

using var shutdown = new ShutdownSignal();
var what = args.Length > 0 ? args[0] : "indexer";
var days = args.Length > 1 && int.TryParse(args[1], out var d) ? d : 90;
return what switch
{
    "indexer" => await IndexerBenchmark.RunAsync(days, shutdown.Token),
    _ => Usage(),
};

static int Usage()
{
    Console.WriteLine("usage: Dashboard.Bench indexer [history-days]");
    return 2;
}
