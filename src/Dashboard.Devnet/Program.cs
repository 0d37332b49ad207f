using Dashboard.Devnet;
using Dashboard.Devnet.Postgres;
using Dashboard.Devnet.Processes;

using var shutdown = new ShutdownSignal();
var command = args.Length > 0 ? args[0] : "help";
var rest = args.Skip(1).ToArray();
try
{
    return command switch
    {
        "up" => await Launcher.RunAsync(rest, shutdown.Token),
        "postgres" => await PostgresCommand.RunAsync(rest, shutdown.Token),
        _ => Usage(),
    };
}
catch (OperationCanceledException) when (shutdown.Token.IsCancellationRequested)
{
    return 130;
}
catch (Exception ex) when (ex is InvalidOperationException or Dashboard.Ethereum.Rpc.RpcException or IOException)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 1;
}

static int Usage()
{
    Console.WriteLine("""
        Dashboard.Devnet — the local world of the Metis sequencer dashboard.

          up          start PostgreSQL (own cluster in .local/), the L1 and L2 devnet, the server and the UI;
                      prints the URL; Ctrl+C stops everything
          postgres    run a PostgreSQL cluster until stopped [--throwaway] [--data DIR] [--port N] [--env-file FILE]
        """);
    return 2;
}
