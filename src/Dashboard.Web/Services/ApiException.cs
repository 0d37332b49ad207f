namespace Dashboard.Web.Services;

/// <summary>The API could not answer; <see cref="Exception.Message"/> says why in words for the page.</summary>
public sealed class ApiException(string message, Exception? inner = null) : Exception(message, inner);
