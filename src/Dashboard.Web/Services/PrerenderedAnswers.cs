using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace Dashboard.Web.Services;

/// <summary>
/// Carries the API answers a page was prerendered with over to its interactive circuit, so the live page starts from
/// the same data instead of an empty panel and a second load (no flash, no layout shift). While prerendering, every
/// successful GET is recorded; the recording is written into the page (Blazor's persistent component state) and, once
/// the circuit starts, each recorded answer is served once to the same request, then the API is asked again as usual.
/// </summary>
public sealed class PrerenderedAnswers
{
    private const string Key = "dashboard-api-answers";

    /// <summary>At most this much JSON rides along in the page; past it, pages simply load again.</summary>
    private const int MaxCharacters = 512_000;

    private readonly Dictionary<string, string> _answers = new(StringComparer.Ordinal);
    private bool _recording;
    private int _characters;

    public PrerenderedAnswers(PersistentComponentState state)
    {
        if (state.TryTakeFromJson<Dictionary<string, string>>(Key, out var restored) && restored is not null)
        {
            // The interactive circuit: serve what the prerender saw.
            _answers = new Dictionary<string, string>(restored, StringComparer.Ordinal);
            return;
        }

        // The prerender (or a circuit that was not prerendered): record, for the circuit to come.
        _recording = true;
        state.RegisterOnPersisting(() =>
        {
            // Written even when empty: a circuit that finds the key knows it is not a prerender and records nothing.
            lock (_answers)
            {
                state.PersistAsJson(Key, _answers);
                _answers.Clear();
                _recording = false;
            }

            return Task.CompletedTask;
        }, RenderMode.InteractiveServer);
    }

    /// <summary>The prerender's answer to <paramref name="path"/>, once.</summary>
    public bool TryTake(string path, out string json)
    {
        lock (_answers)
        {
            if (!_recording && _answers.Remove(path, out var found))
            {
                json = found;
                return true;
            }
        }

        json = "";
        return false;
    }

    /// <summary>Whether this is a prerender whose answers are kept for its circuit.</summary>
    public bool Recording => _recording;

    /// <summary>Keeps a prerender's answer for the circuit.</summary>
    public void Record(string path, string json)
    {
        if (!_recording)
        {
            return;
        }

        lock (_answers)
        {
            if (_characters + json.Length <= MaxCharacters && _answers.TryAdd(path, json))
            {
                _characters += json.Length;
            }
        }
    }
}
