using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Services;

/// <summary>
/// A page whose subject does not exist (no sequencer 99, no epoch 10^9) becomes Blazor's not-found page
/// (<see cref="NavigationManager.NotFound"/>): HTTP 404 while prerendering, so browsers, crawlers and link checkers see
/// a real "not found", and the same page once live. What is missing, and the way back, ride along here.
/// </summary>
public sealed class NotFoundStatus(NavigationManager navigation)
{
    public string? Message { get; private set; }

    public string BackHref { get; private set; } = "";

    public string BackText { get; private set; } = "Go to the overview";

    public void Show(string message, string backHref, string backText)
    {
        Message = message;
        BackHref = backHref;
        BackText = backText;
        navigation.NotFound();
    }

    /// <summary>Read once by the not-found page: a later unknown address gets the generic words again.</summary>
    public (string Message, string BackHref, string BackText)? Take()
    {
        if (Message is not { } message)
        {
            return null;
        }

        var taken = (message, BackHref, BackText);
        Message = null;
        return taken;
    }
}
