using System.Net.Http.Headers;
using System.Security.Claims;
using IntegrationHub.Core.ApiKeys;
using IntegrationHub.Core.Identity;
using IntegrationHub.Core.Tenancy;
using IntegrationHub.Testing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Api.Tests;

/// <summary>The real Api on Kestrel (real HTTP) over a fresh PostgreSQL database and the run's shared Redis.</summary>
public class ApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    public TestDatabase Database => _database;

    public virtual async ValueTask InitializeAsync()
    {
        await _database.InitializeAsync();
        UseKestrel(0);
        StartServer();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:hubdb", _database.ConnectionString);
        builder.UseSetting("ConnectionStrings:redis", _database.RedisConnectionString);
        builder.UseEnvironment("Development");
        builder.UseSetting("Secrets:KeyFile", Path.Combine(TestServers.Directory, "master.key"));
        builder.ConfigureLogging(l => l.AddProvider(Logs));
        foreach (var (key, value) in ExtraSettings()) builder.UseSetting(key, value);
        // Until the Api registers the Hangfire scheduler, runs are requested through the test one (it writes the queued run row).
        builder.ConfigureTestServices(s => s.TryAddScoped<Core.Sync.ISyncScheduler, QueuedRunScheduler>());
    }

    /// <summary>Every log line the Api wrote, for tests that assert no secret was logged.</summary>
    public CapturedLogs Logs { get; } = new();

    protected virtual IEnumerable<(string Key, string Value)> ExtraSettings() => [];

    public HttpClient ClientWithKey(string? key)
    {
        var client = CreateClient();
        if (key is not null) client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    /// <summary>A client carrying a portal session cookie, minted with the Api's own key ring exactly as the portal would.</summary>
    public HttpClient ClientWithSession(Guid userId, string email, Guid? tenantId, bool portalHeader = true)
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, userId.ToString()), new(ClaimTypes.Name, email) };
        if (tenantId is not null) claims.Add(new Claim(HubClaims.TenantId, tenantId.ToString()!));
        var ticket = new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, PortalSession.Scheme)), PortalSession.Scheme);
        var options = Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(PortalSession.Scheme);
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("Cookie", $"{HubClaims.CookieName}={options.TicketDataFormat.Protect(ticket)}");
        if (portalHeader) client.DefaultRequestHeaders.Add("X-Hub-Portal", "1");
        return client;
    }

    /// <summary>A tenant with an owner and one key per scope, created the way the product does it.</summary>
    public async Task<TestTenant> CreateTenantAsync(string? name = null)
    {
        name ??= "Tenant " + Guid.NewGuid().ToString("N")[..8];
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<HubUser>>();
        await using var db = _database.CreateContext();
        var tenant = new Tenant { Name = name, Slug = Slug.From(name) };
        db.Tenants.Add(tenant);
        await db.SaveChangesAsync();

        var owner = await CreateUserAsync(users, "owner");
        db.Memberships.Add(new TenantMembership { TenantId = tenant.Id, UserId = owner.Id, Role = TenantRole.Owner });
        var keys = new Dictionary<string, string>();
        foreach (var scopeName in ApiScopes.All)
        {
            var (key, prefix, hash) = ApiKeyFormat.Generate();
            db.ApiKeys.Add(new ApiKey { TenantId = tenant.Id, Name = scopeName + " key", Prefix = prefix, SecretHash = hash, Scopes = [scopeName] });
            keys[scopeName] = key;
        }
        await db.SaveChangesAsync();
        return new TestTenant(this, tenant.Id, owner.Id, owner.Email!, keys);
    }

    public async Task<HubUser> CreateUserAsync(string role = "user", bool isOperator = false)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<HubUser>>();
        var user = await CreateUserAsync(users, role);
        if (isOperator)
        {
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<HubRole>>();
            if (!await roles.RoleExistsAsync(HubClaims.OperatorRole)) await roles.CreateAsync(new HubRole { Name = HubClaims.OperatorRole });
            await users.AddToRoleAsync(user, HubClaims.OperatorRole);
        }
        return user;
    }

    public async Task AddMemberAsync(Guid tenantId, Guid userId, TenantRole role)
    {
        await using var db = _database.CreateContext(tenantId);
        db.Memberships.Add(new TenantMembership { UserId = userId, Role = role });
        await db.SaveChangesAsync();
    }

    private static async Task<HubUser> CreateUserAsync(UserManager<HubUser> users, string role)
    {
        var email = $"{role}-{Guid.NewGuid():N}@example.test";
        var user = new HubUser { UserName = email, Email = email, DisplayName = role, EmailConfirmed = true };
        var result = await users.CreateAsync(user, "correct-horse-battery-9");
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        return user;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _database.DisposeAsync();
    }
}

public sealed record TestTenant(ApiFactory Factory, Guid Id, Guid OwnerId, string OwnerEmail, IReadOnlyDictionary<string, string> Keys)
{
    public HttpClient Admin() => Factory.ClientWithKey(Keys[ApiScopes.Admin]);
    public HttpClient Reader() => Factory.ClientWithKey(Keys[ApiScopes.Read]);
    public HttpClient Owner() => Factory.ClientWithSession(OwnerId, OwnerEmail, Id);
}

public static class HttpAssert
{
    /// <summary>Asserts the status and that the body is an RFC 7807 problem, returning it for further checks.</summary>
    public static async Task<System.Text.Json.JsonElement> ProblemAsync(HttpResponseMessage response, int status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"Expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var json = System.Text.Json.JsonDocument.Parse(body).RootElement;
        Assert.Equal(status, json.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(json.GetProperty("title").GetString()));
        return json;
    }

    public static MediaTypeHeaderValue Json => new("application/json");
}
