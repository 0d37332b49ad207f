namespace Dashboard.Server.Live;

/// <summary>One message of the live stream: its kind ("block", "epoch", "incident", "status", "reorg") and JSON data.</summary>
public sealed record LiveEvent(string Kind, string Json);
