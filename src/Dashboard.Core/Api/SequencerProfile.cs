namespace Dashboard.Core.Api;

/// <summary>A sequencer's profile as shown, where its name comes from, who may edit it, and its edits (newest first).</summary>
public sealed record SequencerProfile
{
    public required long SequencerId { get; init; }

    public string? Name { get; init; }

    public string? Avatar { get; init; }

    public string? Website { get; init; }

    public string? Description { get; init; }

    /// <summary>"operator" (the operator's profile on this dashboard), "list" (the published metadata list), or null.</summary>
    public string? NameSource { get; init; }

    /// <summary>The accounts that may edit it (owner and signer; a pool's operator too).</summary>
    public required IReadOnlyList<string> Editors { get; init; }

    public required IReadOnlyList<SequencerProfileEdit> History { get; init; }
}

/// <summary>One edit of a profile: what it said, who signed in to make it, when.</summary>
public sealed record SequencerProfileEdit
{
    public required long Id { get; init; }

    public string? Name { get; init; }

    public string? Avatar { get; init; }

    public string? Website { get; init; }

    public string? Description { get; init; }

    [AddressString]
    public required string EditedBy { get; init; }

    public required DateTimeOffset EditedAt { get; init; }
}

/// <summary>A profile edit. Empty fields fall back to the published metadata list.</summary>
public sealed record SequencerProfileRequest
{
    /// <summary>At most 40 characters.</summary>
    public string? Name { get; init; }

    /// <summary>An https URL of an image.</summary>
    public string? AvatarUrl { get; init; }

    /// <summary>Keep the avatar uploaded before (default true).</summary>
    public bool KeepUploadedAvatar { get; init; } = true;

    public string? Website { get; init; }

    /// <summary>At most 500 characters.</summary>
    public string? Description { get; init; }
}
