namespace Dashboard.Ethereum.Rpc;

/// <summary>The answer to one view of a <see cref="ViewBatch"/>, once the batch was sent.</summary>
public sealed class ViewResult<T>
{
    private T? _value;
    private bool _done;

    /// <summary>The view reverted, or the address has no code.</summary>
    public bool Reverted { get; private set; }

    public T Value => !_done
        ? throw new InvalidOperationException("Send the batch before reading its results.")
        : Reverted ? throw new InvalidOperationException("The view reverted: check Reverted (or use OrDefault) first.") : _value!;

    /// <summary>The value, or <paramref name="fallback"/> when the view reverted.</summary>
    public T OrDefault(T fallback) => _done && !Reverted ? _value! : fallback;

    internal void Set(T value)
    {
        _value = value;
        _done = true;
    }

    internal void SetReverted()
    {
        Reverted = true;
        _done = true;
    }
}
