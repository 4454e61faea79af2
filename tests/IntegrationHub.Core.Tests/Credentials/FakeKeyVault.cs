using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Core.Tests.Credentials;

/// <summary>
/// A local HTTPS endpoint speaking the Key Vault secrets REST protocol (challenge-based bearer auth, SecretBundle
/// shapes, versions, soft delete), written from the published REST reference so the real Azure SDK can talk to it.
/// </summary>
public sealed class FakeKeyVault : IAsyncDisposable
{
    public const string Token = "fake-vault-access-token";
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, List<JsonObject>> _secrets = new();
    public X509Certificate2 Certificate { get; } = CreateCertificate();
    public Uri VaultUri { get; private set; } = null!;
    public int UnauthenticatedChallenges;

    public FakeKeyVault()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(Certificate)));
        _app = builder.Build();
        _app.Use(async (ctx, next) =>
        {
            if (ctx.Request.Headers.Authorization != $"Bearer {Token}")
            {
                Interlocked.Increment(ref UnauthenticatedChallenges);
                ctx.Response.StatusCode = 401;
                ctx.Response.Headers.WWWAuthenticate = "Bearer authorization=\"https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000\", resource=\"https://vault.azure.net\"";
                return;
            }
            await next(ctx);
        });
        _app.MapPut("/secrets/{name}", SetSecret);
        _app.MapGet("/secrets/{name}/versions", ListVersions);
        _app.MapGet("/secrets/{name}/{version?}", GetSecret);
        _app.MapDelete("/secrets/{name}", DeleteSecret);
    }

    public async Task StartAsync()
    {
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        VaultUri = new Uri(address.Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1") + "/");
    }

    private string Id(string name, string version) => new Uri(VaultUri, $"secrets/{name}/{version}").ToString();

    private async Task<IResult> SetSecret(string name, HttpRequest request)
    {
        var body = (await JsonNode.ParseAsync(request.Body))!.AsObject();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var version = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        var bundle = new JsonObject
        {
            ["value"] = body["value"]?.GetValue<string>(),
            ["id"] = Id(name, version),
            ["contentType"] = body["contentType"]?.DeepClone(),
            ["tags"] = body["tags"]?.DeepClone(),
            ["attributes"] = new JsonObject { ["enabled"] = true, ["created"] = now, ["updated"] = now, ["recoveryLevel"] = "Recoverable+Purgeable", ["recoverableDays"] = 90 },
        };
        var versions = _secrets.GetOrAdd(name, _ => []);
        lock (versions) versions.Add(bundle);
        return Results.Json(bundle);
    }

    private IResult GetSecret(string name, string? version)
    {
        if (!_secrets.TryGetValue(name, out var versions)) return NotFound(name);
        lock (versions)
        {
            var bundle = string.IsNullOrEmpty(version) ? versions.LastOrDefault() : versions.FirstOrDefault(v => v["id"]!.GetValue<string>().EndsWith("/" + version));
            return bundle is null ? NotFound(name) : Results.Json(bundle);
        }
    }

    private IResult ListVersions(string name)
    {
        if (!_secrets.TryGetValue(name, out var versions)) return NotFound(name);
        lock (versions)
        {
            var items = new JsonArray(versions.Select(v => (JsonNode)new JsonObject
            {
                ["id"] = v["id"]!.DeepClone(), ["attributes"] = v["attributes"]!.DeepClone(), ["tags"] = v["tags"]?.DeepClone(),
            }).ToArray());
            return Results.Json(new JsonObject { ["value"] = items, ["nextLink"] = null });
        }
    }

    private IResult DeleteSecret(string name)
    {
        if (!_secrets.TryRemove(name, out var versions)) return NotFound(name);
        var last = versions.Last();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return Results.Json(new JsonObject
        {
            ["recoveryId"] = new Uri(VaultUri, $"deletedsecrets/{name}").ToString(), ["deletedDate"] = now, ["scheduledPurgeDate"] = now + 90 * 86400,
            ["id"] = last["id"]!.DeepClone(), ["attributes"] = last["attributes"]!.DeepClone(),
        });
    }

    private static IResult NotFound(string name) =>
        Results.Json(new { error = new { code = "SecretNotFound", message = $"A secret with (name/id) {name} was not found in this key vault." } }, statusCode: 404);

    private static X509Certificate2 CreateCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pfx), null);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        Certificate.Dispose();
    }
}
