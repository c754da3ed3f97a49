namespace EVisa.Core.Storage;

/// <summary>
/// A table or container created on first use and remembered once created. A creation that fails (storage away) is
/// not remembered: the next use tries again, instead of the process failing every use until it restarts.
/// </summary>
public sealed class CreatedOnce<T>(Func<Task<T>> create)
{
    private readonly Lock _lock = new();
    private Task<T>? _created;

    public Task<T> GetAsync()
    {
        lock (_lock)
        {
            if (_created is null || _created.IsFaulted || _created.IsCanceled)
                _created = create();
            return _created;
        }
    }
}
