using Hangfire.Logging;

namespace Dashboard.Server.Jobs;

/// <summary>
/// Hangfire's log provider is process-wide (a static), and Hangfire.AspNetCore points it at the logger factory of the
/// last host that configured Hangfire. Where several hosts share a process (the tests start and stop servers side by
/// side), one host stopping disposed the factory every other host's job queue was creating its loggers from: their
/// workers failed on each dequeue and no job ran for minutes. This provider writes to the host's logs while that host
/// lives and drops a message after, instead of failing the worker.
/// </summary>
public sealed class HostLogProvider(ILoggerFactory loggerFactory) : ILogProvider
{
    private readonly Hangfire.AspNetCore.AspNetCoreLogProvider _inner = new(loggerFactory);

    public ILog GetLogger(string name)
    {
        try
        {
            return new Guarded(_inner.GetLogger(name));
        }
        catch (ObjectDisposedException)
        {
            return Silent.Instance;
        }
    }

    private sealed class Guarded(ILog inner) : ILog
    {
        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            try
            {
                return inner.Log(logLevel, messageFunc, exception);
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }

    private sealed class Silent : ILog
    {
        public static readonly Silent Instance = new();

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
