using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Database;
using Portal.Infrastructure.Messages;
using Portal.Tests.Support;
using Shouldly;

namespace Portal.Tests.Messages;

/// <summary>
/// An organisation's own templates: refused with the line and column when they do not parse or name an unknown
/// variable, scored for B1 in the preview, used for the next message once stored, and gone again on DELETE.
/// </summary>
public class TemplateApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Path = "/api/v1/templates/reminder/email/nl";

    private async Task<HttpClient> ApiAsync()
    {
        var organisation = await factory.CreateOrganisationAsync();
        return factory.CreateApiClient(organisation.ApiKey);
    }

    [Fact]
    public async Task Get_WithoutOwnTemplate_GivesTheDefault()
    {
        var template = await (await (await ApiAsync()).GetAsync(Path)).JsonAsync();
        template.GetProperty("isDefault").GetBoolean().ShouldBeTrue();
        template.GetProperty("text").GetString()!.ShouldContain("{{ pay_link }}");
        template.GetProperty("subject").GetString()!.ShouldStartWith("Herinnering");
    }

    [Theory]
    [InlineData("Beste {{ customer.name }},\n\nBetaal {{ if amount }}nu.", "text", "line 3")]
    [InlineData("Beste {{ klant.naam }}.", "text", "line 1, column 10")]
    [InlineData("Beste {{ customer.name }}.\n{{ include 'secrets.txt' }}", "text", "line 2")]
    [InlineData("{{ for i in 1..100000 }}x{{ end }}", "text", "line 1")]
    public async Task Put_TemplateThatDoesNotWork_Is422NamingLineAndColumn_AndNothingIsStored(string text, string field, string where)
    {
        var api = await ApiAsync();
        var response = await api.PutJsonAsync(Path, new { subject = "Herinnering", text });
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var problem = await response.JsonAsync();
        problem.GetProperty("errors").GetProperty(field)[0].GetString()!.ShouldContain(where);
        (await (await api.GetAsync(Path)).JsonAsync()).GetProperty("isDefault").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Put_SubjectOnSms_Is422()
    {
        var response = await (await ApiAsync()).PutJsonAsync("/api/v1/templates/reminder/sms/nl", new { subject = "x", text = "Betaal via {{ pay_link }}" });
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.JsonAsync()).GetProperty("errors").TryGetProperty("subject", out _).ShouldBeTrue();
    }

    [Theory]
    [InlineData("/api/v1/templates/letterbox/email/nl")]
    [InlineData("/api/v1/templates/reminder/fax/nl")]
    [InlineData("/api/v1/templates/reminder/email/de")]
    public async Task Get_UnknownKindChannelOrLanguage_Is404SayingWhich(string path)
    {
        var response = await (await ApiAsync()).GetAsync(path);
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Preview_ScoresTheText_AndListsTheSentencesThatAreNotB1()
    {
        var response = await (await ApiAsync()).PostAsync("/api/v1/templates/preview", ApiJson.Raw("""
            {"kind":"reminder","channel":"email","language":"nl","subject":"Betaal {{ amount }}",
             "text":"Beste {{ customer.name }}.\n\nU moet nog {{ amount }} betalen. Betaal via {{ pay_link }}.\n\nIndien u derhalve niet tijdig aan uw betalingsverplichting kunt voldoen, dient u onverwijld contact op te nemen met onze afdeling debiteurenbeheer."}
            """));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var preview = await response.JsonAsync();
        preview.GetProperty("subject").GetString().ShouldBe("Betaal € 125,50");
        preview.GetProperty("text").GetString()!.ShouldContain("Beste Sanne de Vries.");
        preview.GetProperty("html").GetString()!.ShouldContain("<html lang=\"nl\"");
        var readability = preview.GetProperty("readability");
        readability.GetProperty("fleschDouma").GetDouble().ShouldBeLessThan(65);
        readability.GetProperty("lix").GetDouble().ShouldBeGreaterThan(0);
        readability.GetProperty("averageSentenceLength").GetDouble().ShouldBeGreaterThan(3);
        var notB1 = readability.GetProperty("notB1").EnumerateArray().Select(s => s.GetString()!).ToList();
        notB1.ShouldHaveSingleItem().ShouldStartWith("Indien u derhalve");
    }

    [Fact]
    public async Task Put_ThenTheNextMessageUsesIt_HtmlEscapingTheCustomersName_AndDeleteBringsTheDefaultBack()
    {
        var organisation = await factory.CreateOrganisationAsync();
        var api = factory.CreateApiClient(organisation.ApiKey);
        (await api.PutJsonAsync("/api/v1/customers/C-1", new { name = "Jan <b>de Boer</b>", email = "jan@example.nl" })).EnsureSuccessStatusCode();
        var put = await api.PutJsonAsync(Path, new
        {
            subject = "Nog {{ amount }} open",
            text = "Hallo {{ customer.name }}. U moet nog {{ amount }} betalen. Kijk op {{ pay_link }}.",
            html = "<!DOCTYPE html><html lang=\"nl\"><body><h1>Hallo {{ customer.name }}</h1><p><a href=\"{{ pay_link }}\">{{ pay_link }}</a></p></body></html>",
        });
        put.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await put.JsonAsync()).GetProperty("isDefault").GetBoolean().ShouldBeFalse();

        (await api.PostAsync("/api/v1/messages", ApiJson.Raw("""{"customerRef":"C-1","kind":"reminder"}"""))).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var content = await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PortalDbContext>();
            var message = db.Messages.Single(m => m.OrganisationId == organisation.Id);
            return await Task.FromResult(sp.GetRequiredService<MessageService>().Content(message));
        });
        content.Subject.ShouldBe("Nog € 0,00 open");
        content.Text.ShouldStartWith("Hallo Jan <b>de Boer</b>. U moet nog");
        content.Html!.ShouldContain("<h1>Hallo Jan &lt;b&gt;de Boer&lt;/b&gt;</h1>");

        (await api.DeleteAsync(Path)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await (await api.GetAsync(Path)).JsonAsync()).GetProperty("isDefault").GetBoolean().ShouldBeTrue();
        (await api.DeleteAsync(Path)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
