namespace EVisa.Core.Rules;

/// <summary>
/// R4: a border checkpoint where an e-visa holder may enter or leave, named in the three languages of the visa. The
/// visa lists the permitted ones, the draft shows their codes, and the border refuses any other.
/// </summary>
public sealed record Checkpoint(string Code, string NameKazakh, string NameRussian, string NameEnglish)
{
    public static readonly Checkpoint Astana = new(
        "NQZ",
        "Нұрсұлтан Назарбаев атындағы Астана халықаралық әуежайы",
        "Международный аэропорт Астана имени Нурсултана Назарбаева",
        "Astana Nursultan Nazarbayev International Airport");

    public static readonly Checkpoint Almaty = new(
        "ALA",
        "Алматы халықаралық әуежайы",
        "Международный аэропорт Алматы",
        "Almaty International Airport");

    /// <summary>R4: the only two checkpoints open to e-visa holders.</summary>
    public static IReadOnlyList<Checkpoint> Permitted { get; } = [Astana, Almaty];

    /// <summary>The codes of <see cref="Permitted"/>, in the order the visa lists them.</summary>
    public static IReadOnlyList<string> PermittedCodes { get; } = [.. Permitted.Select(c => c.Code)];

    /// <summary>The permitted checkpoint a code names (any case, spaces around ignored), or null: R4 permits no other.</summary>
    public static Checkpoint? Find(string? code) =>
        code is null ? null : Permitted.FirstOrDefault(c => string.Equals(c.Code, code.Trim(), StringComparison.OrdinalIgnoreCase));
}
