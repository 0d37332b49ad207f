using System.Security.Claims;
using Dashboard.Core.Api;
using Dashboard.Ethereum;
using Dashboard.Server.Accounts;
using Dashboard.Server.Directory;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Processing;

namespace Dashboard.Server.Api;

/// <summary>
/// /api/sequencers/{id}/profile: the operator's own words about their sequencer — name, avatar (a URL or an uploaded
/// image, re-encoded here), website, description — edited after signing in by its owner, its signer or its pool's
/// operator. Each edit is kept with who signed it in and when.
/// </summary>
public static class ProfilesApi
{
    /// <summary>The largest image upload read (it is re-encoded to at most 256×256 PNG).</summary>
    public const long MaxUploadBytes = 2 * 1024 * 1024;

    public const int AvatarSize = 256;

    public static bool IsAvatarUpload(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.StartsWithSegments("/api/sequencers") && request.Path.Value!.EndsWith("/profile/avatar", StringComparison.Ordinal);

    public static IEndpointRouteBuilder MapProfilesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/sequencers/{id:long}").WithTags("Sequencers");
        group.MapGet("/profile", GetAsync).WithName("SequencerProfile")
            .WithSummary("The sequencer's profile as shown (the operator's edit over the published list, and which one each comes from) and its edit history");
        group.MapPut("/profile", UpdateAsync).WithName("EditSequencerProfile").RequireAuthorization(SessionAuthentication.Policy)
            .WithSummary("Edits the profile (signed in as the sequencer's owner, signer or pool operator). Empty fields fall back to the published list");
        group.MapPost("/profile/avatar", UploadAsync).WithName("UploadSequencerAvatar").RequireAuthorization(SessionAuthentication.Policy).DisableAntiforgery()
            .WithSummary("Uploads an avatar image (PNG, JPEG, GIF or WebP as the request body, at most 2 MB): re-encoded to a PNG of at most 256×256, shown instead of any avatar URL");
        group.MapGet("/avatar", AvatarAsync).WithName("SequencerAvatar").WithSummary("The uploaded avatar of the profile (PNG)");
        return app;
    }

    public static async Task<Results<Ok<SequencerProfile>, ProblemHttpResult>> GetAsync(long id, SequencerDirectory directory, SequencerProfiles profiles, CancellationToken cancellationToken)
    {
        if (await FindAsync(directory, id, cancellationToken) is not { } entry)
        {
            return ApiProblems.NotFound("sequencer", id);
        }

        var history = await profiles.HistoryAsync(id, cancellationToken);
        return TypedResults.Ok(new SequencerProfile
        {
            SequencerId = id,
            Name = entry.Name,
            Avatar = entry.Metadata?.Avatar,
            Website = entry.Metadata?.Url,
            Description = entry.Metadata?.Description,
            NameSource = entry.Source,
            Editors = Editors(entry).Select(a => a.ToString()).ToList(),
            History = [.. history.Select(h => new SequencerProfileEdit
            {
                Id = h.Id, Name = h.Name, Avatar = h.Avatar, Website = h.Website, Description = h.Description, EditedBy = h.EditedBy.ToString(), EditedAt = h.EditedAt,
            })],
        });
    }

    public static async Task<Results<Ok<SequencerProfile>, ProblemHttpResult>> UpdateAsync(long id, [Microsoft.AspNetCore.Mvc.FromBody] SequencerProfileRequest request, ClaimsPrincipal user, SequencerDirectory directory,
        SequencerProfiles profiles, NpgsqlDataSource dataSource, TimeProvider clock, Microsoft.AspNetCore.OutputCaching.IOutputCacheStore cache, CancellationToken cancellationToken)
    {
        var (editor, problem) = await EditorAsync(id, user, directory, dataSource, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (Validate(request) is { } invalid)
        {
            return invalid;
        }

        await profiles.AddAsync(id, Clean(request.Name), Clean(request.AvatarUrl), null, keepImage: request.KeepUploadedAvatar, Clean(request.Website), Clean(request.Description), editor, clock.GetUtcNow(), cancellationToken);
        await ShowAsync(directory, cache, cancellationToken);
        return await GetAsync(id, directory, profiles, cancellationToken);
    }

    public static async Task<Results<Ok<SequencerProfile>, ProblemHttpResult>> UploadAsync(long id, HttpRequest request, ClaimsPrincipal user, SequencerDirectory directory,
        SequencerProfiles profiles, NpgsqlDataSource dataSource, TimeProvider clock, Microsoft.AspNetCore.OutputCaching.IOutputCacheStore cache, CancellationToken cancellationToken)
    {
        var (editor, problem) = await EditorAsync(id, user, directory, dataSource, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, cancellationToken);
        if (body.Length == 0)
        {
            return Invalid("image", "The request body is empty: send the image's bytes (PNG, JPEG, GIF or WebP) as the body.");
        }

        byte[] png;
        try
        {
            body.Position = 0;
            using var image = await Image.LoadAsync(body, cancellationToken);
            if (image.Width < 16 || image.Height < 16 || image.Width > 8192 || image.Height > 8192)
            {
                return Invalid("image", $"The image is {image.Width}×{image.Height} pixels; an avatar is between 16×16 and 8192×8192 (it is shown at {AvatarSize}×{AvatarSize} at most).");
            }

            // Re-encoded from the pixels alone: no metadata, no frames beyond the first, nothing the upload carried along.
            using var frame = image.Frames.CloneFrame(0);
            if (frame.Width > AvatarSize || frame.Height > AvatarSize)
            {
                frame.Mutate(x => x.Resize(new ResizeOptions { Size = new Size(AvatarSize, AvatarSize), Mode = ResizeMode.Max }));
            }

            frame.Metadata.ExifProfile = null;
            frame.Metadata.XmpProfile = null;
            frame.Metadata.IccProfile = null;
            using var output = new MemoryStream();
            await frame.SaveAsPngAsync(output, cancellationToken);
            png = output.ToArray();
        }
        catch (Exception ex) when (ex is UnknownImageFormatException or InvalidImageContentException or NotSupportedException)
        {
            return Invalid("image", "That is not an image this server reads: upload a PNG, JPEG, GIF or WebP.");
        }

        var current = (await directory.GetAsync(cancellationToken)).ById[id].Profile;
        await profiles.AddAsync(id, current?.Name, current?.AvatarUrl, png, keepImage: false, current?.Website, current?.Description, editor, clock.GetUtcNow(), cancellationToken);
        await ShowAsync(directory, cache, cancellationToken);
        return await GetAsync(id, directory, profiles, cancellationToken);
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> AvatarAsync(long id, long? v, SequencerProfiles profiles, HttpContext context, CancellationToken cancellationToken)
    {
        if (await profiles.ImageAsync(id, v, cancellationToken) is not { } png)
        {
            return ApiProblems.NotFound("uploaded avatar of sequencer", id);
        }

        // Versioned by the edit: a given ?v= never changes.
        context.Response.Headers.CacheControl = v is null ? "public, max-age=60" : "public, max-age=31536000, immutable";
        return TypedResults.File(png, "image/png");
    }

    /// <summary>An edit shows at once: names are in most answers, so the cached ones go.</summary>
    private static async Task ShowAsync(SequencerDirectory directory, Microsoft.AspNetCore.OutputCaching.IOutputCacheStore cache, CancellationToken cancellationToken)
    {
        directory.Invalidate();
        await cache.EvictByTagAsync(Extensions.ServerServices.IndexedDataTag, cancellationToken);
    }

    /// <summary>The sequencer's entry; a sequencer newer than the directory's snapshot (seconds old) is read afresh.</summary>
    private static async Task<SequencerDirectory.Entry?> FindAsync(SequencerDirectory directory, long id, CancellationToken cancellationToken)
    {
        if ((await directory.GetAsync(cancellationToken)).ById.TryGetValue(id, out var entry))
        {
            return entry;
        }

        directory.Invalidate();
        return (await directory.GetAsync(cancellationToken)).ById.GetValueOrDefault(id);
    }

    /// <summary>Who may edit: the owner, the current signer, and a pool's operator.</summary>
    private static IEnumerable<Address> Editors(SequencerDirectory.Entry entry)
    {
        if (entry.Owner is { } owner)
        {
            yield return owner;
        }

        yield return entry.Signer;
    }

    private static async Task<(Address Editor, ProblemHttpResult? Problem)> EditorAsync(long id, ClaimsPrincipal user, SequencerDirectory directory, NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var account = SessionAuthentication.Account(user);
        if (await FindAsync(directory, id, cancellationToken) is not { } entry)
        {
            return (account, ApiProblems.NotFound("sequencer", id));
        }

        var editors = Editors(entry).ToList();
        if (entry.Pool is { } pool)
        {
            await using var read = dataSource.CreateCommand("select operator from pools where address = @pool");
            read.Parameters.AddWithValue("pool", pool.ToBytes());
            if (await read.ExecuteScalarAsync(cancellationToken) is byte[] poolOperator)
            {
                editors.Add(new Address(poolOperator));
            }
        }

        return editors.Contains(account)
            ? (account, null)
            : (account, TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not this sequencer's operator",
                detail: $"{account} is signed in, but only sequencer {id}'s owner, its signer or its pool's operator ({string.Join(", ", editors)}) can edit its profile. Sign in with one of those accounts."));
    }

    private static ProblemHttpResult? Validate(SequencerProfileRequest request)
    {
        if (Clean(request.Name) is { } name && (name.Length > 40 || name.Any(char.IsControl)))
        {
            return Invalid("name", "A name is at most 40 characters, on one line.");
        }

        foreach (var (field, value, schemes) in new[] { ("avatarUrl", request.AvatarUrl, new[] { "https" }), ("website", request.Website, new[] { "https", "http" }) })
        {
            if (Clean(value) is not { } url)
            {
                continue;
            }

            if (url.Length > 300 || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || !schemes.Contains(uri.Scheme) || !string.IsNullOrEmpty(uri.UserInfo))
            {
                return Invalid(field, $"'{(url.Length > 60 ? url[..60] + "…" : url)}' is not a {string.Join(" or ", schemes)} URL (at most 300 characters).");
            }
        }

        if (Clean(request.Description) is { Length: > 500 } description)
        {
            return Invalid("description", $"The description has {description.Length} characters; at most 500.");
        }

        return null;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static ProblemHttpResult Invalid(string field, string detail) => ApiProblems.InvalidField(field, detail, "The profile is not valid");
}
