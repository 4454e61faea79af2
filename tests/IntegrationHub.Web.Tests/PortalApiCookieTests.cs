using IntegrationHub.Web.Api;
using Microsoft.AspNetCore.Http;

namespace IntegrationHub.Web.Tests;

public sealed class PortalApiCookieTests
{
    [Fact]
    public void Forwards_only_the_session_cookie_and_its_chunks_byte_for_byte()
    {
        var context = WithCookieHeader("theme=dark; .IntegrationHub.Session=chunks-2; .IntegrationHub.SessionC1=Cf%2BDJ8_a; .IntegrationHub.SessionC2=b-c; .AspNetCore.Antiforgery.x=tok; .IntegrationHub.SessionCx=no");

        var cookie = new PortalApiCookie(new HttpContextAccessor());
        cookie.Capture(context);

        Assert.Equal(".IntegrationHub.Session=chunks-2; .IntegrationHub.SessionC1=Cf%2BDJ8_a; .IntegrationHub.SessionC2=b-c", cookie.Header);
    }

    [Fact]
    public void Has_no_header_without_a_session_cookie()
    {
        var cookie = new PortalApiCookie(new HttpContextAccessor());
        cookie.Capture(WithCookieHeader("theme=dark"));
        Assert.Null(cookie.Header);
    }

    [Fact]
    public void Falls_back_to_the_current_request_when_nothing_was_captured()
    {
        var accessor = new HttpContextAccessor { HttpContext = WithCookieHeader(".IntegrationHub.Session=abc") };
        Assert.Equal(".IntegrationHub.Session=abc", new PortalApiCookie(accessor).Header);
    }

    [Fact]
    public void A_later_request_without_cookies_does_not_erase_the_captured_one()
    {
        var cookie = new PortalApiCookie(new HttpContextAccessor());
        cookie.Capture(WithCookieHeader(".IntegrationHub.Session=abc"));
        cookie.Capture(new DefaultHttpContext());
        Assert.Equal(".IntegrationHub.Session=abc", cookie.Header);
    }

    private static DefaultHttpContext WithCookieHeader(string header)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Cookie = header;
        return context;
    }
}
