using System.Text;

namespace EVisa.Core.Documents;

/// <summary>Signs a visa's essential data into the seal text that its 2D code carries (format: <see cref="VisaSealCodec"/>).</summary>
public sealed class VisaSealSigner(VisaSigningKey key)
{
    private readonly VisaSigningKey _key = key ?? throw new ArgumentNullException(nameof(key));

    public string KeyId => _key.KeyId;

    public string Sign(VisaSealData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var signingInput = VisaSealCodec.SigningInput(_key.KeyId, data);
        var signature = _key.Sign(Encoding.ASCII.GetBytes(signingInput));
        return VisaSealCodec.Assemble(signingInput, signature);
    }
}
