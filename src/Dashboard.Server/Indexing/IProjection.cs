using Dashboard.Core.Chains;

namespace Dashboard.Server.Indexing;

/// <summary>
/// A table (or tables) derived from one chain's raw logs. Replaying a projection means emptying its tables and
/// running its handlers over the stored logs in order, which is how reorgs and new handlers are absorbed.
/// </summary>
public interface IProjection
{
    ChainRole Chain { get; }

    /// <summary>Tables emptied before a replay.</summary>
    IReadOnlyList<string> Tables { get; }

    void Register(LogHandlerRegistry registry);
}
