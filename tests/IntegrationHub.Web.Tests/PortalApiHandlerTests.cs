using System.Net;
using IntegrationHub.Web.Api;
using Microsoft.AspNetCore.Http;

namespace IntegrationHub.Web.Tests;

public sealed class PortalApiHandlerTests
{
    [Fact]
    public async Task Every_request_carries_the_session_cookie_and_the_portal_header()
    {
        var cookie = new PortalApiCookie(new HttpContextAccessor());
        var context = new DefaultHttpContext();
        context.Request.Headers.Cookie = ".IntegrationHub.Session=abc";
        cookie.Capture(context);
        var stub = new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.NoContent));
        using var http = new HttpClient(new PortalApiHandler(cookie) { InnerHandler = stub }) { BaseAddress = new Uri("http://api/") };

        using var request = new HttpRequestMessage(HttpMethod.Delete, "api/v1/api-keys/1");
        request.Headers.TryAddWithoutValidation("Cookie", "stale=1");
        await http.SendAsync(request, TestContext.Current.CancellationToken);

        var sent = Assert.Single(stub.Requests);
        Assert.Equal(".IntegrationHub.Session=abc", Assert.Single(sent.Headers.GetValues("Cookie")));
        Assert.Equal("1", Assert.Single(sent.Headers.GetValues("X-Hub-Portal")));
    }
}
