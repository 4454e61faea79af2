using System.Net;
using System.Net.Http.Json;
using IntegrationHub.Simulators.Tests.Infrastructure;

namespace IntegrationHub.Simulators.Tests;

public class RateLimitTests
{
    private static SimulatorApp Limited() => new SimulatorApp().With("Simulators:RateLimits:Enabled", "true");

    [Fact]
    public async Task Xero_allows_60_a_minute_with_headers_then_429_minute()
    {
        await using var app = Limited();
        var client = await app.XeroClient();
        for (var i = 0; i < 60; i++)
        {
            var ok = await client.GetAsync("/xero/api.xro/2.0/Items");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal($"{59 - i}", ok.Headers.GetValues("X-MinLimit-Remaining").Single());
            Assert.Equal($"{4999 - i}", ok.Headers.GetValues("X-DayLimit-Remaining").Single());
            Assert.True(ok.Headers.Contains("X-AppMinLimit-Remaining"));
        }
        var limited = await client.GetAsync("/xero/api.xro/2.0/Items");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("minute", limited.Headers.GetValues("X-Rate-Limit-Problem").Single());
        Assert.True(limited.Headers.RetryAfter!.Delta > TimeSpan.Zero);
        app.Time.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/xero/api.xro/2.0/Items")).StatusCode);
    }

    [Fact]
    public async Task Xero_day_limit_and_concurrency()
    {
        await using var app = Limited().With("Simulators:RateLimits:XeroPerDay", "3").With("Simulators:RateLimits:XeroConcurrent", "2");
        var client = await app.XeroClient();
        await app.Client().PostAsJsonAsync("/control/faults", new { vendor = "xero", kind = "Latency", delayMs = 1500, count = 2 });
        var slow = Enumerable.Range(0, 2).Select(_ => client.GetAsync("/xero/api.xro/2.0/Items")).ToArray();
        await Task.Delay(700);
        var third = await client.GetAsync("/xero/api.xro/2.0/Items");
        Assert.Equal("concurrent", third.Headers.GetValues("X-Rate-Limit-Problem").Single());
        await Task.WhenAll(slow);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/xero/api.xro/2.0/Items")).StatusCode);
        var day = await client.GetAsync("/xero/api.xro/2.0/Items");
        Assert.Equal(HttpStatusCode.TooManyRequests, day.StatusCode);
        Assert.Equal("day", day.Headers.GetValues("X-Rate-Limit-Problem").Single());
    }

    [Fact]
    public async Task Xero_app_minute_limit_spans_tenants()
    {
        await using var app = Limited().With("Simulators:RateLimits:XeroAppPerMinute", "3");
        var nz = await app.XeroClient(SimulatorApp.XeroNz);
        var au = await app.XeroClient(SimulatorApp.XeroAu);
        Assert.Equal(HttpStatusCode.OK, (await nz.GetAsync("/xero/api.xro/2.0/Items")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await au.GetAsync("/xero/api.xro/2.0/Items")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await nz.GetAsync("/xero/api.xro/2.0/Items")).StatusCode);
        var limited = await au.GetAsync("/xero/api.xro/2.0/Items");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("appminute", limited.Headers.GetValues("X-Rate-Limit-Problem").Single());
        Assert.Equal("0", limited.Headers.GetValues("X-AppMinLimit-Remaining").Single());
    }

    [Fact]
    public async Task Qbo_allows_10_concurrent_requests_per_realm()
    {
        await using var app = Limited();
        var client = await app.QboClient();
        await app.Client().PostAsJsonAsync("/control/faults", new { vendor = "qbo", kind = "Latency", delayMs = 1500, count = 10 });
        var slow = Enumerable.Range(0, 10).Select(_ => client.GetAsync($"/qbo/v3/company/{SimulatorApp.Realm}/item/1")).ToArray();
        await Task.Delay(800);
        var eleventh = await client.GetAsync($"/qbo/v3/company/{SimulatorApp.Realm}/item/1");
        Assert.Equal(HttpStatusCode.TooManyRequests, eleventh.StatusCode);
        Assert.All(await Task.WhenAll(slow), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
    }

    [Fact]
    public async Task Qbo_throttles_per_realm_with_a_fault_body_and_can_be_switched_off()
    {
        await using var app = Limited().With("Simulators:RateLimits:Scale", "0.01");
        var client = await app.QboClient();
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/qbo/v3/company/{SimulatorApp.Realm}/item/1")).StatusCode);
        var limited = await client.GetAsync($"/qbo/v3/company/{SimulatorApp.Realm}/item/1");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("003001", (await limited.Body())["Fault"]!["Error"]![0]!["code"]!.GetValue<string>());
        await app.Client().PutAsJsonAsync("/control/ratelimits", new { enabled = false });
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/qbo/v3/company/{SimulatorApp.Realm}/item/1")).StatusCode);
    }
}
