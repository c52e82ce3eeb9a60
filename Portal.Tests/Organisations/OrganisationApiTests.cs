using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Database;
using Portal.Tests.Support;
using Shouldly;

namespace Portal.Tests.Organisations;

/// <summary>An organisation keeps its own profile and logo through the API; every change is audited.</summary>
public class OrganisationApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    public static object Profile(string name = "Waterbedrijf Noord", string iban = "NL91 ABNA 0417 1643 00", string colour = "#0b5394",
        string[]? languages = null, string? senderName = "Klantenservice Waterbedrijf Noord") => new
    {
        name,
        brandColour = colour,
        phone = "050 123 45 67",
        iban,
        accountHolder = name + " B.V.",
        languages = languages ?? ["nl", "en", "ar"],
        senderName,
    };

    [Fact]
    public async Task Put_ThenGet_GivesTheProfileInItsStoredForm_AndTheCustomersPagesUseIt()
    {
        var organisation = await factory.CreateOrganisationAsync("Oude Naam");
        var api = factory.CreateApiClient(organisation.ApiKey);

        var put = await api.PutJsonAsync("/api/v1/organisation", Profile());
        put.StatusCode.ShouldBe(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        var got = await (await api.GetAsync("/api/v1/organisation")).JsonAsync();

        got.GetProperty("id").GetInt64().ShouldBe(organisation.Id);
        got.GetProperty("name").GetString().ShouldBe("Waterbedrijf Noord");
        got.GetProperty("brandColour").GetString().ShouldBe("#0B5394");
        got.GetProperty("iban").GetString().ShouldBe("NL91ABNA0417164300");
        got.GetProperty("accountHolder").GetString().ShouldBe("Waterbedrijf Noord B.V.");
        got.GetProperty("phone").GetString().ShouldBe("050 123 45 67");
        got.GetProperty("languages").EnumerateArray().Select(l => l.GetString()).ShouldBe(["nl", "en", "ar"]);
        got.GetProperty("senderName").GetString().ShouldBe("Klantenservice Waterbedrijf Noord");
        got.GetProperty("logo").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        (await put.JsonAsync()).GetProperty("name").GetString().ShouldBe("Waterbedrijf Noord");

        (await factory.CreateClient().GetStringAsync($"/brand/{organisation.Id}/brand.css")).ShouldContain("--brand:#0B5394");
        var customer = await OpenAsCustomerAsync(organisation);
        (await customer.GetStringAsync("/overview")).ShouldContain("Waterbedrijf Noord");
    }

    [Fact]
    public async Task Put_IsAuditedWithTheFieldsThatChanged_AndTheSameProfileAgainChangesNothing()
    {
        var organisation = await factory.CreateOrganisationAsync();
        var api = factory.CreateApiClient(organisation.ApiKey);

        (await api.PutJsonAsync("/api/v1/organisation", Profile())).EnsureSuccessStatusCode();
        (await api.PutJsonAsync("/api/v1/organisation", Profile())).EnsureSuccessStatusCode();
        (await api.PutJsonAsync("/api/v1/organisation", Profile(iban: "BE71 0961 2345 6769"))).EnsureSuccessStatusCode();

        var audit = await AuditAsync(organisation.Id, "organisation.profile_changed");
        audit.Count.ShouldBe(2);
        audit[0].Outcome.ShouldBe("changed name, phone, accountHolder, languages, senderName");
        audit[1].Outcome.ShouldBe("changed iban");
        audit.ShouldAllBe(a => a.Actor.StartsWith("api:pk_"));
        audit.ShouldAllBe(a => !a.Outcome.Contains("BE71"));
    }

    [Theory]
    [InlineData("iban", """ "iban":"NL91ABNA0417164301", """)]
    [InlineData("iban", """ "iban":"", """)]
    [InlineData("brandColour", """ "brandColour":"blue", """)]
    [InlineData("brandColour", """ "brandColour":"#0B539", """)]
    [InlineData("languages", """ "languages":["nl","de"], """)]
    [InlineData("languages", """ "languages":[], """)]
    [InlineData("languages", """ "languages":"nl", """)]
    [InlineData("name", """ "name":null, """)]
    [InlineData("name", """ "name":"Water\u0000bedrijf", """)]
    [InlineData("phone", """ "phone":"bel ons", """)]
    [InlineData("accountHolder", """ "accountHolder":42, """)]
    [InlineData("senderName", """ "senderName":"   ", """)]
    public async Task Put_BadField_Is422NamingIt_AndChangesNothing(string field, string replacement)
    {
        var organisation = await factory.CreateOrganisationAsync("Onveranderd");
        var api = factory.CreateApiClient(organisation.ApiKey);
        var body = System.Text.Json.JsonSerializer.Serialize(Profile(name: "Onveranderd"));
        var fields = System.Text.Json.JsonDocument.Parse(body).RootElement.EnumerateObject()
            .Where(p => p.Name != field).Select(p => $"\"{p.Name}\":{p.Value.GetRawText()},");
        var json = "{" + replacement + string.Join("", fields).TrimEnd(',') + "}";

        var response = await api.PutAsync("/api/v1/organisation", ApiJson.Raw(json));

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, json);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.JsonAsync()).GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe([field]);
        (await AuditAsync(organisation.Id, "organisation.profile_changed")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Put_WithoutSenderName_ClearsIt_AndMissingFieldsAreEachNamed()
    {
        var organisation = await factory.CreateOrganisationAsync();
        var api = factory.CreateApiClient(organisation.ApiKey);
        (await api.PutJsonAsync("/api/v1/organisation", Profile())).EnsureSuccessStatusCode();

        var cleared = await (await api.PutJsonAsync("/api/v1/organisation", Profile(senderName: null))).JsonAsync();
        cleared.GetProperty("senderName").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);

        var empty = await api.PutAsync("/api/v1/organisation", ApiJson.Raw("{}"));
        empty.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await empty.JsonAsync()).GetProperty("errors").EnumerateObject().Select(e => e.Name).Order()
            .ShouldBe(["accountHolder", "brandColour", "iban", "languages", "name", "phone"]);
    }

    [Fact]
    public async Task PutLogo_Png_IsServedOnTheCustomersPages_AndCanBeRemoved()
    {
        var organisation = await factory.CreateOrganisationAsync();
        var api = factory.CreateApiClient(organisation.ApiKey);

        (await api.PutAsync("/api/v1/organisation/logo", Body(LogoFileTests.Png, "image/png"))).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var served = await factory.CreateClient().GetAsync($"/brand/{organisation.Id}/logo");
        served.Content.Headers.ContentType!.MediaType.ShouldBe("image/png");
        (await served.Content.ReadAsByteArrayAsync()).ShouldBe(LogoFileTests.Png);
        (await (await api.GetAsync("/api/v1/organisation")).JsonAsync()).GetProperty("logo").GetProperty("contentType").GetString().ShouldBe("image/png");
        (await AuditAsync(organisation.Id, "organisation.logo_set")).Single().Outcome.ShouldBe($"image/png, {LogoFileTests.Png.Length} bytes");

        (await api.DeleteAsync("/api/v1/organisation/logo")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await factory.CreateClient().GetAsync($"/brand/{organisation.Id}/logo")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await AuditAsync(organisation.Id, "organisation.logo_removed")).Count.ShouldBe(1);
    }

    [Fact]
    public async Task PutLogo_Svg_IsServedAsSvg()
    {
        var organisation = await factory.CreateOrganisationAsync();
        var api = factory.CreateApiClient(organisation.ApiKey);
        var svg = Encoding.UTF8.GetBytes($"""<svg {LogoFileTests.Ns} viewBox="0 0 4 4"><rect width="4" height="4" fill="#0B5394"/></svg>""");

        (await api.PutAsync("/api/v1/organisation/logo", Body(svg, "image/svg+xml; charset=utf-8"))).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var served = await factory.CreateClient().GetAsync($"/brand/{organisation.Id}/logo");
        served.Content.Headers.ContentType!.MediaType.ShouldBe("image/svg+xml");
        (await served.Content.ReadAsByteArrayAsync()).ShouldBe(svg);
    }

    [Fact]
    public async Task PutLogo_ScriptedSvg_TooLarge_Jpeg_AreRefused_AndTheLogoStays()
    {
        var organisation = await factory.CreateOrganisationAsync();
        var api = factory.CreateApiClient(organisation.ApiKey);
        (await api.PutAsync("/api/v1/organisation/logo", Body(LogoFileTests.Png, "image/png"))).EnsureSuccessStatusCode();

        var scripted = await api.PutAsync("/api/v1/organisation/logo",
            Body(Encoding.UTF8.GetBytes($"""<svg {LogoFileTests.Ns} onload="alert(document.cookie)"/>"""), "image/svg+xml"));
        scripted.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        scripted.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await scripted.JsonAsync()).GetProperty("errors").GetProperty("logo")[0].GetString()!.ShouldContain("event attribute");

        var large = new byte[200 * 1024 + 1];
        LogoFileTests.Png.CopyTo(large, 0);
        var tooLarge = await api.PutAsync("/api/v1/organisation/logo", Body(large, "image/png"));
        tooLarge.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        tooLarge.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");

        var chunked = new StreamContent(new MemoryStream(large));
        chunked.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/organisation/logo") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        (await api.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);

        var jpeg = await api.PutAsync("/api/v1/organisation/logo", Body(LogoFileTests.Jpeg, "image/jpeg"));
        jpeg.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        jpeg.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var jpegAsPng = await api.PutAsync("/api/v1/organisation/logo", Body(LogoFileTests.Jpeg, "image/png"));
        jpegAsPng.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await jpegAsPng.JsonAsync()).GetProperty("errors").GetProperty("logo")[0].GetString()!.ShouldContain("not a PNG");
        (await api.PutAsync("/api/v1/organisation/logo", Body([], "image/png"))).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);

        (await factory.CreateClient().GetByteArrayAsync($"/brand/{organisation.Id}/logo")).ShouldBe(LogoFileTests.Png);
        (await AuditAsync(organisation.Id, "organisation.logo_set")).Count.ShouldBe(1);
    }

    [Fact]
    public async Task OneOrganisationsKey_NeverReadsOrChangesAnother()
    {
        var a = await factory.CreateOrganisationAsync("Bedrijf A");
        var b = await factory.CreateOrganisationAsync("Bedrijf B");
        var apiA = factory.CreateApiClient(a.ApiKey);
        var apiB = factory.CreateApiClient(b.ApiKey);

        (await apiA.PutJsonAsync("/api/v1/organisation", Profile(name: "Bedrijf A Nieuw"))).EnsureSuccessStatusCode();
        (await apiA.PutAsync("/api/v1/organisation/logo", Body(LogoFileTests.Png, "image/png"))).EnsureSuccessStatusCode();

        var seenByB = await (await apiB.GetAsync("/api/v1/organisation")).JsonAsync();
        seenByB.GetProperty("id").GetInt64().ShouldBe(b.Id);
        seenByB.GetProperty("name").GetString().ShouldBe("Bedrijf B");
        seenByB.GetProperty("logo").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        (await apiA.GetStringAsync("/api/v1/organisation")).ShouldNotContain("Bedrijf B");

        var keysOfB = await (await apiB.GetAsync("/api/v1/api-keys")).JsonAsync();
        var keyOfB = keysOfB.EnumerateArray().Single().GetProperty("id").GetInt64();
        (await apiA.GetStringAsync("/api/v1/api-keys")).ShouldNotContain($"\"id\":{keyOfB},");
        var delete = await apiA.DeleteAsync($"/api/v1/api-keys/{keyOfB}");
        delete.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await apiB.GetAsync("/api/v1/organisation")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await AuditAsync(b.Id, "organisation.profile_changed")).ShouldBeEmpty();
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheOrganisationAndKeyEndpoints()
    {
        var document = await (await factory.CreateClient().GetAsync("/openapi/v1.json")).JsonAsync();
        var paths = document.GetProperty("paths");

        var logo = paths.GetProperty("/api/v1/organisation/logo").GetProperty("put");
        logo.GetProperty("operationId").GetString().ShouldBe("PutOrganisationLogo");
        logo.GetProperty("requestBody").GetProperty("content").EnumerateObject().Select(c => c.Name).ShouldBe(["image/svg+xml", "image/png"]);
        logo.GetProperty("responses").EnumerateObject().Select(r => r.Name).ShouldBe(["204", "413", "415", "422"], ignoreOrder: true);
        paths.GetProperty("/api/v1/organisation").GetProperty("put").GetProperty("operationId").GetString().ShouldBe("PutOrganisation");
        paths.GetProperty("/api/v1/organisation").GetProperty("get").GetProperty("operationId").GetString().ShouldBe("GetOrganisation");
        paths.GetProperty("/api/v1/api-keys").GetProperty("post").GetProperty("responses").TryGetProperty("201", out _).ShouldBeTrue();
        paths.GetProperty("/api/v1/api-keys/{id}").GetProperty("delete").GetProperty("responses").TryGetProperty("409", out _).ShouldBeTrue();
    }

    internal static ByteArrayContent Body(byte[] content, string contentType)
    {
        var body = new ByteArrayContent(content);
        body.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return body;
    }

    private async Task<HttpClient> OpenAsCustomerAsync(TestOrganisation organisation)
    {
        await organisation.AddCustomerAsync("C-1");
        await organisation.AddInvoiceAsync("F-1", "C-1", 1000, factory.Clock.Today.AddDays(14));
        return await organisation.OpenAsCustomerAsync("C-1");
    }

    private Task<List<Portal.Domain.Audit.AuditRecord>> AuditAsync(long organisationId, string action) =>
        factory.WithScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().AuditRecords.AsNoTracking()
            .Where(a => a.OrganisationId == organisationId && a.Action == action).OrderBy(a => a.Id).ToListAsync());
}
