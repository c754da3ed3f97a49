namespace EVisa.Core.Rules;

/// <summary>The two lines of a TD3 passport or MRV-A visa machine-readable zone, 44 characters each.</summary>
public sealed record MrzLines(string Line1, string Line2)
{
    public const int LineLength = 44;

    public override string ToString() => Line1 + "\n" + Line2;
}
