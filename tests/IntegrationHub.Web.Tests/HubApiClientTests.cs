using System.Net;
using System.Text;
using IntegrationHub.Web.Api;

namespace IntegrationHub.Web.Tests;

public sealed class HubApiClientTests
{
    [Fact]
    public async Task Problem_details_become_a_readable_exception_with_the_field_errors()
    {
        var client = Answering(HttpStatusCode.BadRequest, """
            {"title":"One or more validation errors occurred.","status":400,"errors":{"Email":["The Email field is not a valid e-mail address."]}}
            """, "application/problem+json");

        var ex = await Assert.ThrowsAsync<HubApiException>(() => client.AddUserAsync(new NewUser("x", "X", "p", "viewer"), TestContext.Current.CancellationToken));

        Assert.Equal(400, ex.Status);
        Assert.Equal("One or more validation errors occurred. The Email field is not a valid e-mail address.", ex.Message);
    }

    [Fact]
    public async Task Title_and_detail_are_both_shown()
    {
        var client = Answering(HttpStatusCode.Conflict, """{"title":"Tenant exists","detail":"A tenant with the slug 'acme' already exists."}""", "application/problem+json");
        var ex = await Assert.ThrowsAsync<HubApiException>(() => client.CreateTenantAsync(new NewTenant("Acme", "a@b.c", "A", "p"), TestContext.Current.CancellationToken));
        Assert.Equal("Tenant exists. A tenant with the slug 'acme' already exists.", ex.Message);
    }

    [Fact]
    public async Task An_expired_session_is_recognisable()
    {
        var client = Answering(HttpStatusCode.Unauthorized, "", "text/plain");
        var ex = await Assert.ThrowsAsync<HubApiException>(() => client.GetMeAsync(TestContext.Current.CancellationToken));
        Assert.True(ex.IsUnauthorized);
        Assert.Equal("Your session has expired; sign in again.", ex.Message);
    }

    [Fact]
    public async Task An_unreachable_api_is_reported_without_transport_details()
    {
        var client = new HubApiClient(new HttpClient(new StubHandler(_ => throw new HttpRequestException("Connection refused (10.0.0.7:5100)")))
            { BaseAddress = new Uri("http://api/api/v1/") });
        var ex = await Assert.ThrowsAsync<HubApiException>(() => client.GetTenantAsync(TestContext.Current.CancellationToken));
        Assert.Null(ex.Status);
        Assert.DoesNotContain("10.0.0.7", ex.Message);
    }

    [Fact]
    public async Task Audit_filters_are_sent_as_query_parameters()
    {
        var stub = new StubHandler(_ => Json("""{"items":[],"page":2,"pageSize":25,"total":0}"""));
        var client = new HubApiClient(new HttpClient(stub) { BaseAddress = new Uri("http://api/api/v1/") });

        await client.GetAuditAsync(new AuditQuery("api_key.created", new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), null, 2, 25),
            TestContext.Current.CancellationToken);

        Assert.Equal("http://api/api/v1/audit?page=2&pageSize=25&action=api_key.created&from=2026-11-01T00%3A00%3A00.0000000%2B00%3A00",
            stub.Requests.Single().RequestUri!.AbsoluteUri);
    }

    [Fact]
    public async Task The_audit_actor_filter_is_sent_trimmed()
    {
        var stub = new StubHandler(_ => Json("""{"items":[],"page":1,"pageSize":50,"total":0}"""));
        var client = new HubApiClient(new HttpClient(stub) { BaseAddress = new Uri("http://api/api/v1/") });
        await client.GetAuditAsync(new AuditQuery(null, null, null, Actor: " owner@demo.local "), TestContext.Current.CancellationToken);
        Assert.Equal("http://api/api/v1/audit?page=1&pageSize=50&actor=owner%40demo.local", stub.Requests.Single().RequestUri!.AbsoluteUri);
    }

    private static HubApiClient Answering(HttpStatusCode status, string body, string mediaType) =>
        new(new HttpClient(new StubHandler(_ => new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) }))
            { BaseAddress = new Uri("http://api/api/v1/") });

    private static HttpResponseMessage Json(string body) =>
        new(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
}
