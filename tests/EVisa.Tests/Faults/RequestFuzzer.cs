using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EVisa.Core.Api;
using EVisa.Core.Identity;
using EVisa.Core.Payments;
using EVisa.DevServer.Payments;
using Microsoft.Extensions.DependencyInjection;

namespace EVisa.Tests.Faults;

/// <summary>One generated request, fully decided before anything is sent, so a seed reproduces it exactly.</summary>
public sealed record FuzzCase(
    int Index,
    ServedOperation Operation,
    string Kind,
    string Path,
    string CallerName,
    string? Authorization,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    byte[]? Body,
    string? ContentType,
    bool Chunked,
    bool SignBody,
    bool ExpectTooLarge)
{
    public HttpRequestMessage ToRequest()
    {
        var request = new HttpRequestMessage(Operation.HttpMethod, Path);
        if (Authorization is not null)
            request.Headers.TryAddWithoutValidation("Authorization", Authorization);
        foreach (var (name, value) in Headers)
            request.Headers.TryAddWithoutValidation(name, value);
        if (Body is not null)
        {
            request.Content = new ByteArrayContent(Body);
            if (ContentType is not null)
                request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            // As a careful client would, so a refusal before the body is read reaches it instead of a broken pipe.
            if (Kind == "oversized")
                request.Headers.ExpectContinue = true;
            if (Chunked)
            {
                // No Content-Length: the handlers must bound what they read themselves.
                request.Headers.TransferEncodingChunked = true;
                request.Content.Headers.ContentLength = null;
            }

            if (SignBody)
            {
                // Signed when sent, so the timestamp is inside the webhook's tolerance however long the run takes.
                request.Headers.TryAddWithoutValidation(PaymentWebhookSignature.HeaderName,
                    PaymentWebhookSignature.Create(PaymentProviderSimulator.DevelopmentSecret, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), Body));
            }
        }

        return request;
    }

    public override string ToString()
    {
        var preview = Body is null ? "(no body)"
            : Body.Length > 300 ? $"{Body.Length} bytes, starting {Escape(Body.AsSpan(0, 300))}"
            : $"{Body.Length} bytes: {Escape(Body)}";
        var headers = string.Join(", ", Headers.Select(h => $"{h.Key}: {h.Value}"));
        return $"#{Index} [{Kind}] {Operation.Method.ToUpperInvariant()} {(Path.Length > 300 ? Path[..300] + "…" : Path)} as {CallerName}" +
               $"{(SignBody ? ", signed" : "")}{(Chunked ? ", chunked" : "")}, content-type {ContentType ?? "(none)"}" +
               $"{(headers.Length > 0 ? ", " + headers : "")}; {preview}";
    }

    private static string Escape(ReadOnlySpan<byte> bytes) => JsonSerializer.Serialize(Encoding.UTF8.GetString(bytes));
}

/// <summary>
/// Makes malformed and random requests for the served operations: random bytes, truncated JSON, wrong types, huge
/// numbers, deep nesting, bare scalars, wrong content types, invalid UTF-8 and lone surrogates, oversized bodies,
/// random path and query values and headers, with each role's token (as the world's owners, to get past the
/// ownership checks), a stranger's, a bad one or none. All randomness comes from the one seeded <see cref="Random"/>.
/// </summary>
public sealed class RequestFuzzer
{
    private static readonly string[] Kinds =
    [
        "sample", "mutated-field", "removed-field", "extra-fields", "random-bytes", "truncated-json", "wrong-root",
        "huge-number", "deep-nesting", "invalid-utf8", "lone-surrogate", "duplicate-keys", "empty", "oversized",
    ];

    private static readonly string[] ContentTypes =
    [
        "text/plain", "application/xml", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded",
        "application/json; charset=utf-16", "application/json; charset=nonsense", "???", "",
    ];

    private static readonly string[] HugeNumbers =
    [
        "1e400", "-1e400", "123456789012345678901234567890", "9223372036854775808", "-9223372036854775809",
        "0.000000000000000000000000000000001", "-0", "1E+2147483648", "4.9e-324",
    ];

    private const string Punctuation = "<>'\"\\/#?%&";

    private readonly IssuedWorld _world;
    private readonly IReadOnlyList<ServedOperation> _withBodies;
    private readonly IReadOnlyList<ServedOperation> _withoutBodies;
    private readonly IReadOnlyList<(string Name, Role? Role, string? Authorization)> _callers;

    public RequestFuzzer(IssuedWorld world, IReadOnlyList<ServedOperation> operations)
    {
        _world = world;
        _withBodies = operations.Where(o => o.Method != "get").ToList();
        _withoutBodies = operations.Where(o => o.Method == "get").ToList();
        var tokens = world.Server.Services.GetRequiredService<BearerTokens>();
        string Bearer(string subject, Role role) => "Bearer " + tokens.Issue(subject, role, TimeSpan.FromHours(1));
        _callers =
        [
            ("applicant (owner)", Role.Applicant, Bearer(world.ApplicantSubject, Role.Applicant)),
            ("inviter (owner)", Role.Inviter, Bearer(world.InviterSubject, Role.Inviter)),
            ("officer", Role.Officer, Bearer($"officer-{Guid.NewGuid():N}", Role.Officer)),
            ("border", Role.Border, Bearer($"border-{Guid.NewGuid():N}", Role.Border)),
            ("applicant (stranger)", Role.Applicant, Bearer($"applicant-{Guid.NewGuid():N}", Role.Applicant)),
            ("no token", null, null),
            ("bad token", null, "Bearer eyJhbGciOiJIUzI1NiJ9.e30.AAAA"),
        ];
    }

    /// <summary>Most requests carry bodies (every POST route); some go to the GET routes with random paths and queries.</summary>
    public FuzzCase Next(Random random, int index)
    {
        var operation = random.NextDouble() < 0.85 || _withoutBodies.Count == 0
            ? _withBodies[random.Next(_withBodies.Count)]
            : _withoutBodies[random.Next(_withoutBodies.Count)];
        var access = RouteAccess.Table.GetValueOrDefault(operation.OperationId);
        var caller = _callers[random.Next(_callers.Count)];
        var kind = operation.Method == "get" ? "random-path-and-query" : Kinds[random.Next(Kinds.Length)];
        // An oversized body goes to a real resource with sound headers, so its 413 is not pre-empted by a 404 or a 400.
        var oversized = kind == "oversized";
        var path = operation.PathWith(p => oversized || random.NextDouble() < 0.5 ? _world.IdFor(p) ?? RandomPathValue(random) : RandomPathValue(random))
                   + RandomQuery(random, operation);
        var headers = new List<KeyValuePair<string, string>>();
        if (operation.OperationId == "SubmitApplication")
        {
            // Mostly one key, so a body that happens to be a valid form starts one orchestration, not hundreds.
            headers.Add(new("Idempotency-Key", oversized || random.NextDouble() < 0.85 ? "fuzz-key" : RandomAscii(random, random.Next(0, 260))));
        }

        var signBody = false;
        if (operation.OperationId == "PaymentWebhook")
        {
            signBody = random.NextDouble() < 0.3;
            if (!signBody && random.NextDouble() < 0.7)
                headers.Add(new(PaymentWebhookSignature.HeaderName, RandomSignature(random)));
        }

        if (operation.Method == "get")
        {
            return new FuzzCase(index, operation, kind, path, caller.Name, caller.Authorization, headers,
                null, null, false, false, false);
        }

        var body = Body(random, kind, operation);
        var contentType = random.NextDouble() < 0.8 ? "application/json" : ContentTypes[random.Next(ContentTypes.Length)];
        if (contentType.Length == 0)
            contentType = null;
        // R-less but documented: a handler that reads a body refuses one over 64 KB with 413 once the caller is allowed in.
        var expectTooLarge = oversized && operation.HasBody && access is not null
                             && (access.Gate == Gate.Signature || (caller.Role is { } role && access.Allows(role)));
        return new FuzzCase(index, operation, kind, path, caller.Name, caller.Authorization, headers, body, contentType,
            Chunked: random.NextDouble() < 0.2, signBody, expectTooLarge);
    }

    private byte[] Body(Random random, string kind, ServedOperation operation)
    {
        var sample = _world.SampleBody(operation.OperationId);
        switch (kind)
        {
            case "sample":
                return Utf8(sample);
            case "mutated-field":
                for (var i = random.Next(1, 4); i > 0; i--)
                    Mutate(random, sample, remove: false);
                return Utf8(sample);
            case "removed-field":
                Mutate(random, sample, remove: true);
                return Utf8(sample);
            case "extra-fields":
                for (var i = random.Next(1, 20); i > 0; i--)
                    sample[RandomText(random, random.Next(0, 30))] = RandomNode(random, 2);
                return Utf8(sample);
            case "random-bytes":
                var bytes = new byte[random.Next(1, 4000)];
                random.NextBytes(bytes);
                return bytes;
            case "truncated-json":
                var whole = Utf8(sample);
                return whole[..random.Next(0, Math.Max(1, whole.Length))];
            case "wrong-root":
                return Encoding.UTF8.GetBytes(random.Next(8) switch
                {
                    0 => "null",
                    1 => "[]",
                    2 => "[" + sample.ToJsonString() + "]",
                    3 => "\"" + RandomAscii(random, 20).Replace("\"", "", StringComparison.Ordinal).Replace("\\", "", StringComparison.Ordinal) + "\"",
                    4 => "42",
                    5 => "true",
                    6 => "{}",
                    _ => "{\"a\":",
                });
            case "huge-number":
                return Encoding.UTF8.GetBytes(WithRawValue(random, sample, HugeNumbers[random.Next(HugeNumbers.Length)]));
            case "deep-nesting":
                var depth = random.Next(2, 3000);
                var open = random.NextDouble() < 0.5 ? "[" : "{\"a\":";
                var close = open == "[" ? "]" : "}";
                var nested = string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth));
                return Encoding.UTF8.GetBytes(random.NextDouble() < 0.5 ? nested : WithRawValue(random, sample, nested));
            case "invalid-utf8":
                var text = Utf8(sample);
                var broken = new List<byte>(text);
                var at = random.Next(broken.Count);
                broken.InsertRange(at, random.Next(4) switch
                {
                    0 => [0xC3],
                    1 => [0xFF, 0xFE],
                    2 => [0xED, 0xA0, 0x80], // an encoded surrogate
                    _ => [0xF4, 0x90, 0x80, 0x80], // beyond U+10FFFF
                });
                return [.. broken];
            case "lone-surrogate":
                return Encoding.UTF8.GetBytes(WithRawValue(random, sample, random.NextDouble() < 0.5 ? "\"\\ud800\"" : "\"a\\udfffb\\u0000\""));
            case "duplicate-keys":
                var json = sample.ToJsonString();
                var first = sample.FirstOrDefault().Key ?? "a";
                return Encoding.UTF8.GetBytes(json.Length > 2
                    ? json[..^1] + "," + JsonSerializer.Serialize(first) + ":" + RandomNode(random, 1)?.ToJsonString() + "}"
                    : json);
            case "empty":
                return [];
            case "oversized":
                // Valid JSON, just too big: a long string in a field the handler would read.
                sample[sample.FirstOrDefault().Key ?? "padding"] = new string('x', RequestBodies.MaxBytes + random.Next(1, 100_000));
                return Utf8(sample);
            default:
                throw new InvalidOperationException(kind);
        }
    }

    private static byte[] Utf8(JsonObject body) => Encoding.UTF8.GetBytes(body.ToJsonString());

    /// <summary>Replaces a random field (perhaps nested) with a random value or removes it.</summary>
    private static void Mutate(Random random, JsonObject body, bool remove)
    {
        var target = body;
        while (true)
        {
            if (target.Count == 0)
            {
                if (!remove)
                    target[RandomAscii(random, 8)] = RandomNode(random, 2);
                return;
            }

            var key = target.ElementAt(random.Next(target.Count)).Key;
            if (target[key] is JsonObject inner && random.NextDouble() < 0.6)
            {
                target = inner;
                continue;
            }

            if (remove)
                target.Remove(key);
            else
                target[key] = RandomNode(random, 2);
            return;
        }
    }

    /// <summary>The body with one of its fields set to a raw JSON text no serializer would write.</summary>
    private static string WithRawValue(Random random, JsonObject body, string raw)
    {
        const string Marker = "\"__fuzz_raw__\"";
        var target = body;
        while (target.Count > 0 && target.ElementAt(random.Next(target.Count)) is { Value: JsonObject inner } && random.NextDouble() < 0.5)
            target = inner;
        var key = target.Count > 0 ? target.ElementAt(random.Next(target.Count)).Key : "field";
        target[key] = "__fuzz_raw__";
        return body.ToJsonString().Replace(Marker, raw, StringComparison.Ordinal);
    }

    private static JsonNode? RandomNode(Random random, int depth) => random.Next(depth > 0 ? 10 : 8) switch
    {
        0 => null,
        1 => JsonValue.Create(random.NextDouble() < 0.5),
        2 => JsonValue.Create(random.NextInt64(long.MinValue, long.MaxValue)),
        3 => JsonValue.Create(random.NextDouble() * Math.Pow(10, random.Next(-300, 300))),
        4 => JsonValue.Create(RandomText(random, random.Next(0, 40))),
        5 => JsonValue.Create(RandomText(random, random.Next(0, 3000))),
        6 => JsonValue.Create(random.Next(-5, 40)),
        7 => JsonValue.Create(RandomDateLike(random)),
        8 => new JsonArray(Enumerable.Range(0, random.Next(0, 5)).Select(_ => RandomNode(random, depth - 1)).ToArray()),
        _ => new JsonObject(Enumerable.Range(0, random.Next(0, 5))
            .Select(i => KeyValuePair.Create($"{RandomAscii(random, 6)}{i}", RandomNode(random, depth - 1)))),
    };

    private static string RandomDateLike(Random random) => random.Next(5) switch
    {
        0 => "0000-00-00",
        1 => "9999-12-31",
        2 => "2027-02-30",
        3 => $"{random.Next(-9999, 99999)}-{random.Next(0, 20):00}-{random.Next(0, 40):00}",
        _ => DateTime.UnixEpoch.AddDays(random.Next(0, 40_000)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    /// <summary>Text from every corner: ASCII, Cyrillic and Kazakh letters, emoji, combining marks, controls, RTL marks.</summary>
    private static string RandomText(Random random, int length)
    {
        var text = new StringBuilder(length);
        while (text.Length < length)
        {
            switch (random.Next(7))
            {
                case 0: text.Append((char)random.Next(0x20, 0x7F)); break;
                case 1: text.Append((char)random.Next(0x0400, 0x04FF)); break;
                case 2: text.Append("😀👨‍👩‍👧"); break;
                case 3: text.Append('\u0301'); break;
                case 4: text.Append((char)random.Next(0, 0x20)); break;
                case 5: text.Append('\u202E'); break;
                default: text.Append(Punctuation[random.Next(Punctuation.Length)]); break;
            }
        }

        return text.ToString();
    }

    private static string RandomAscii(Random random, int length) =>
        new(Enumerable.Range(0, length).Select(_ => (char)random.Next(0x21, 0x7F)).ToArray());

    private static string RandomPathValue(Random random) => random.Next(10) switch
    {
        0 => "",
        1 => RandomAscii(random, random.Next(1, 2000)),
        2 => RandomText(random, random.Next(1, 200)),
        3 => "..",
        4 => new[] { "#", "?", "/", "\\", "%", "%00", "'", " ", "\t", "null" }[random.Next(10)],
        5 => Convert.ToHexStringLower(RandomBytes(random, 16)),
        6 => random.NextInt64(0, 99_999_999_999).ToString(CultureInfo.InvariantCulture),
        7 => new string('9', random.Next(10, 200)),
        8 => "a" + (char)random.Next(0, 0x20) + "b",
        _ => RandomAscii(random, random.Next(1, 40)),
    };

    private static string RandomQuery(Random random, ServedOperation operation)
    {
        var names = operation.QueryParameters.Concat(random.NextDouble() < 0.2 ? [RandomAscii(random, 5)] : []).ToList();
        var pairs = names.Where(_ => random.NextDouble() < 0.7)
            .Select(n => $"{Uri.EscapeDataString(n)}={Uri.EscapeDataString(RandomQueryValue(random))}")
            .ToList();
        return pairs.Count == 0 ? "" : "?" + string.Join("&", pairs);
    }

    private static string RandomQueryValue(Random random) => random.Next(6) switch
    {
        0 => random.Next(-1000, 100_000).ToString(CultureInfo.InvariantCulture),
        1 => "IDN",
        2 => "issued",
        3 => Convert.ToBase64String(Encoding.UTF8.GetBytes(RandomText(random, random.Next(0, 100)))),
        4 => RandomText(random, random.Next(0, 500)),
        _ => RandomAscii(random, random.Next(0, 100)),
    };

    private static string RandomSignature(Random random) => random.Next(5) switch
    {
        0 => "",
        1 => $"t={random.NextInt64()},v1={Convert.ToHexString(RandomBytes(random, 32))}",
        2 => $"t={DateTimeOffset.UtcNow.ToUnixTimeSeconds()},v1=zz",
        3 => "v1=,t=,,,=",
        _ => RandomAscii(random, random.Next(0, 300)),
    };

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
