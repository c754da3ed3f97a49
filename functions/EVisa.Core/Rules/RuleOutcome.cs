using System.Diagnostics.CodeAnalysis;

namespace EVisa.Core.Rules;

/// <summary>A rule's answer: either the value it built, or every reason it refused.</summary>
[SuppressMessage("Design", "CA1000", Justification = "Accept and Refuse are the type's only constructors; a refusal has no value to infer T from.")]
public sealed record RuleOutcome<T>
    where T : class
{
    private RuleOutcome(T? value, IReadOnlyList<RuleViolation> violations)
    {
        Value = value;
        Violations = violations;
    }

    public T? Value { get; }

    public IReadOnlyList<RuleViolation> Violations { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    public bool IsAccepted => Value is not null;

    public static RuleOutcome<T> Accept(T value) => new(value ?? throw new ArgumentNullException(nameof(value)), []);

    public static RuleOutcome<T> Refuse(IReadOnlyList<RuleViolation> violations)
    {
        ArgumentNullException.ThrowIfNull(violations);
        if (violations.Count == 0)
            throw new ArgumentException("A refusal needs at least one reason.", nameof(violations));
        return new(null, violations);
    }
}
