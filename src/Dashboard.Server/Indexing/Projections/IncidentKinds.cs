namespace Dashboard.Server.Indexing.Projections;

/// <summary>The kinds of downtime incident.</summary>
public static class IncidentKinds
{
    /// <summary>The MPC recommitted the signer's epoch to another sequencer.</summary>
    public const string Recommit = "recommit";

    /// <summary>The chain stalled inside the signer's own epoch, without a recommit.</summary>
    public const string Gap = "gap";

    /// <summary>A block of the signer's epoch carries another sequencer's signature (Metis' seqR/seqS/seqV).</summary>
    public const string WrongProducer = "wrong-producer";
}
