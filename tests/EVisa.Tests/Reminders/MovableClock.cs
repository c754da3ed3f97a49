namespace EVisa.Tests.Reminders;

/// <summary>A clock the test sets and moves, so a sweep runs "days later" at once.</summary>
public sealed class MovableClock(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset _now = now;

    public DateTimeOffset Now
    {
        get => _now;
        set => _now = value;
    }

    public override DateTimeOffset GetUtcNow() => _now;
}
