using Microsoft.AspNetCore.Authentication;

namespace Dashboard.Server.Ops;

/// <summary>The operators' credential (the "Ops" settings): the job dashboard exists only when a password is set.</summary>
public sealed class OpsCredential : AuthenticationSchemeOptions
{
    public string User { get; set; } = "ops";

    public string Password { get; set; } = "";
}
