namespace EVisa.Core.Rules;

/// <summary>
/// Why a rule refused something: a stable machine-readable <paramref name="Code"/> (kebab-case, see
/// <see cref="RuleReasons"/>) that clients and the API's problem details key on, a human message that may be
/// reworded at will, the rule id it enforces (RULES.md), and the input field it concerns when there is one.
/// </summary>
public sealed record RuleViolation(string Code, string Message, string Rule, string? Field = null);
