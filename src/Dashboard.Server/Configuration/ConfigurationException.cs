namespace Dashboard.Server.Configuration;

/// <summary>A setting that cannot be honoured: the server refuses to start and says which setting and what to do.</summary>
public sealed class ConfigurationException(string message) : InvalidOperationException(message);
