using System.Security.Claims;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace EVisa.Core.Identity;

/// <summary>
/// Validates and (for development) issues the bearer tokens that carry a subject and one role. Both hosts use
/// this one class, so a token means the same to the DevServer as to the Functions app.
/// </summary>
public sealed class BearerTokens
{
    public const string RoleClaim = "role";

    /// <summary>
    /// Where Microsoft Entra ID puts the app roles assigned to a user (a JSON array): staff sign in with one of the API
    /// registration's app roles <c>inviter</c>, <c>officer</c>, <c>border</c>.
    /// </summary>
    public const string AppRolesClaim = "roles";

    private static readonly Role[] StaffAppRoles = [Role.Inviter, Role.Officer, Role.Border];

    private readonly IdentityOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<BearerTokens> _logger;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly IReadOnlyList<SymmetricSecurityKey> _keys;
    private readonly ConfigurationManager<OpenIdConnectConfiguration>? _authority;

    public BearerTokens(IOptions<IdentityOptions> options, TimeProvider clock, ILogger<BearerTokens> logger)
    {
        _options = options.Value;
        _clock = clock;
        _logger = logger;
        _keys = _options.SigningKeys.Select(ToKey).ToList();
        if (!string.IsNullOrEmpty(_options.Authority))
        {
            var authority = new Uri(_options.Authority.TrimEnd('/') + "/");
            // Metadata is fetched once and refreshed by the manager, not per request; plain HTTP only on loopback.
            _authority = new ConfigurationManager<OpenIdConnectConfiguration>(
                new Uri(authority, ".well-known/openid-configuration").ToString(),
                new OpenIdConnectConfigurationRetriever(),
                new HttpDocumentRetriever { RequireHttps = !authority.IsLoopback });
        }

        if (_keys.Count == 0 && _authority is null)
            throw new InvalidOperationException("Set Identity:Authority or Identity:SigningKeys: no token could ever be validated.");
    }

    /// <summary>Validates an <c>Authorization</c> header value; the failure says why, for the 401's detail.</summary>
    public async Task<(Caller? Caller, string? Failure)> ValidateAsync(string? authorizationHeader)
    {
        const string scheme = "Bearer ";
        if (string.IsNullOrWhiteSpace(authorizationHeader))
            return (null, "The Authorization header is missing.");
        if (!authorizationHeader.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            return (null, "The Authorization header must use the Bearer scheme.");

        var parameters = new TokenValidationParameters
        {
            ValidIssuer = _options.Issuer,
            ValidAudience = _options.Audience,
            IssuerSigningKeys = _keys,
            ConfigurationManager = _authority,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256, SecurityAlgorithms.RsaSha256],
            ClockSkew = _options.ClockSkew,
            RequireExpirationTime = true,
            LifetimeValidator = ValidateLifetime,
        };
        var result = await _handler.ValidateTokenAsync(authorizationHeader[scheme.Length..].Trim(), parameters);
        if (!result.IsValid)
        {
            // The exception type names the cause (expired, bad signature, ...) without echoing the token.
            _logger.LogInformation("Bearer token refused: {Reason}", result.Exception?.GetType().Name);
            return (null, Describe(result.Exception));
        }

        var subject = result.ClaimsIdentity.FindFirst(JwtRegisteredClaimNames.Sub)?.Value;
        if (string.IsNullOrEmpty(subject) || RoleOf(result.ClaimsIdentity) is not { } role)
            return (null, "The token must carry a subject and one known role.");
        return (new Caller(subject, role), null);
    }

    /// <summary>
    /// The caller's one role: the <c>role</c> claim (the development issuer's, and the applicants' External ID tenant
    /// issues it), else exactly one staff app role in Entra ID's <c>roles</c>. A user given two staff app roles is
    /// refused rather than guessed at: each request acts as one role, and the audit trail names it.
    /// </summary>
    public static Role? RoleOf(ClaimsIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        if (identity.FindFirst(RoleClaim) is { } single)
            return ApiNames.TryParse<Role>(single.Value, out var role) ? role : null;
        var appRoles = identity.FindAll(AppRolesClaim)
            .Select(c => ApiNames.TryParse<Role>(c.Value, out var r) && StaffAppRoles.Contains(r) ? r : (Role?)null)
            .OfType<Role>()
            .Distinct()
            .ToList();
        return appRoles.Count == 1 ? appRoles[0] : null;
    }

    /// <summary>Issues a token for local use and tests; the DevServer serves this only in Development.</summary>
    public string Issue(string subject, Role role, TimeSpan lifetime)
    {
        if (_keys.Count == 0)
            throw new InvalidOperationException("No development signing key is configured (Identity:SigningKeys).");
        var now = _clock.GetUtcNow().UtcDateTime;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _options.Issuer,
            Audience = _options.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            Subject = new ClaimsIdentity([
                new Claim(JwtRegisteredClaimNames.Sub, subject),
                new Claim(RoleClaim, role.ToApiName()),
            ]),
            SigningCredentials = new SigningCredentials(_keys[0], SecurityAlgorithms.HmacSha256),
        });
    }

    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        if (expires is null || expires.Value + _options.ClockSkew < now)
            throw new SecurityTokenExpiredException("The token has expired.");
        if (notBefore is not null && notBefore.Value - _options.ClockSkew > now)
            throw new SecurityTokenNotYetValidException("The token is not valid yet.");
        return true;
    }

    private static string Describe(Exception? error) => error switch
    {
        SecurityTokenExpiredException => "The token has expired.",
        SecurityTokenNotYetValidException => "The token is not valid yet.",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "The token's signature is not valid.",
        SecurityTokenInvalidIssuerException => "The token was issued by an unknown issuer.",
        SecurityTokenInvalidAudienceException => "The token is meant for another audience.",
        _ => "The token is malformed or not valid.",
    };

    private static SymmetricSecurityKey ToKey(string base64, int index)
    {
        var bytes = Convert.FromBase64String(base64);
        if (bytes.Length < 32)
            throw new InvalidOperationException($"Identity:SigningKeys:{index} is shorter than 32 bytes.");
        return new SymmetricSecurityKey(bytes) { KeyId = $"key-{index}" };
    }
}
