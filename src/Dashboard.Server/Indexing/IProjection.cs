using Dashboard.Core.Chains;
using Dashboard.Data;

namespace Dashboard.Server.Indexing;

/// <summary>
/// Rows derived from one chain's raw logs. Replaying a projection means resetting its rows and running its
/// handlers over the stored logs in order, which is how reorgs and new handlers are absorbed.
/// </summary>
public interface IProjection
{
    ChainRole Chain { get; }

    void Register(LogHandlerRegistry registry);

    /// <summary>Removes every row this projection derived, before a replay.</summary>
    Task ResetAsync(DashboardDb db, CancellationToken cancellationToken);
}
