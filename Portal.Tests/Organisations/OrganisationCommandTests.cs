using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Portal.Tests.Support;
using Portal.Web.Setup;
using Shouldly;

namespace Portal.Tests.Organisations;

/// <summary>
/// A real organisation starts with the host's command and then keeps itself through the API: it sets its brand,
/// rotates its key and serves its first pay link, on whichever database the settings name.
/// </summary>
public class OrganisationCommandTests
{
    private static readonly string[] Valid =
    [
        "--name", "Waterbedrijf Noord", "--iban", "NL91 ABNA 0417 1643 00", "--account-holder", "Waterbedrijf Noord B.V.",
        "--phone", "050 123 45 67", "--brand-colour", "#1d6f42", "--languages", "nl,en",
    ];

    [Fact]
    public async Task CreatedByTheCommand_SetsItsBrand_RotatesItsKey_AndServesItsFirstPayLink()
    {
        using var database = new TestDatabase();
        var (exit, output) = await RunAsync(database, ["organisations", "create", .. Valid]);
        exit.ShouldBe(0, output);
        var id = long.Parse(Regex.Match(output, @"Organisation id: (\d+)").Groups[1].Value);
        var firstKey = Regex.Match(output, @"API key: (pk_\S+)").Groups[1].Value;
        firstKey.ShouldNotBeEmpty(output);

        await using var app = new PortalFactory(database);
        var api = app.CreateApiClient(firstKey);
        var created = await (await api.GetAsync("/api/v1/organisation")).JsonAsync();
        created.GetProperty("id").GetInt64().ShouldBe(id);
        created.GetProperty("brandColour").GetString().ShouldBe("#1D6F42");
        created.GetProperty("iban").GetString().ShouldBe("NL91ABNA0417164300");

        // Its brand
        (await api.PutJsonAsync("/api/v1/organisation", OrganisationApiTests.Profile(name: "Waterbedrijf Noord en Oost", colour: "#0B5394")))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        (await api.PutAsync("/api/v1/organisation/logo", OrganisationApiTests.Body(LogoFileTests.Png, "image/png")))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);

        // Its key, rotated
        var second = await (await api.PostAsJsonAsync("/api/v1/api-keys", new { name = "ERP" })).JsonAsync();
        var rotated = app.CreateApiClient(second.GetProperty("key").GetString()!);
        var firstId = (await (await rotated.GetAsync("/api/v1/api-keys")).JsonAsync())[0].GetProperty("id").GetInt64();
        (await rotated.DeleteAsync($"/api/v1/api-keys/{firstId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await api.GetAsync("/api/v1/organisation")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await rotated.DeleteAsync($"/api/v1/api-keys/{second.GetProperty("id").GetInt64()}")).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        // Its first pay link
        (await rotated.PutJsonAsync("/api/v1/customers/C-1", new { name = "Noor Bakker", language = "nl" })).EnsureSuccessStatusCode();
        (await rotated.PutJsonAsync("/api/v1/invoices/2026-0001", ApiJson.Invoice("C-1", 42.50m))).EnsureSuccessStatusCode();
        var link = await (await rotated.PostAsJsonAsync("/api/v1/pay-links", new { customerRef = "C-1" })).JsonAsync();
        var browser = app.CreateBrowserClient();
        var opened = await browser.GetAsync(new Uri(link.GetProperty("url").GetString()!).PathAndQuery);
        opened.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        var overview = await browser.GetStringAsync(opened.Headers.Location!.OriginalString);
        overview.ShouldContain("Waterbedrijf Noord en Oost");
        overview.ShouldContain($"/brand/{id}/logo");
        (await browser.GetStringAsync($"/brand/{id}/brand.css")).ShouldContain("--brand:#0B5394");

        // Every change is on the audit trail, whose chain holds.
        var (verified, verifyOutput) = await RunAsync(database, ["audit", "verify"]);
        verified.ShouldBe(0, verifyOutput);
    }

    [Theory]
    [InlineData("--name", "", "--name")]
    [InlineData("--iban", "NL91ABNA0417164301", "--iban")]
    [InlineData("--brand-colour", "blue", "--brand-colour")]
    [InlineData("--languages", "nl,de", "--languages")]
    [InlineData("--phone", "call us", "--phone")]
    public async Task Create_WithABadArgument_NamesIt_PrintsUsage_ExitsNonZero_AndWritesNothing(string option, string value, string named)
    {
        using var database = new TestDatabase();
        var args = Valid.ToList();
        args[args.IndexOf(option) + 1] = value;

        var (exit, output) = await RunAsync(database, ["organisations", "create", .. args]);

        exit.ShouldBe(AdminCommands.BadArguments, output);
        output.ShouldContain(named + ": ");
        output.ShouldContain("Usage:");
        var (listed, listOutput) = await RunAsync(database, ["organisations", "list"]);
        listed.ShouldBe(AdminCommands.Failed, listOutput); // never migrated: nothing was written
    }

    [Theory]
    [InlineData("--name")]
    [InlineData("--iban")]
    [InlineData("--account-holder")]
    public async Task Create_WithoutARequiredOption_NamesIt(string option)
    {
        using var database = new TestDatabase();
        var args = Valid.ToList();
        args.RemoveRange(args.IndexOf(option), 2);

        var (exit, output) = await RunAsync(database, ["organisations", "create", .. args]);

        exit.ShouldBe(AdminCommands.BadArguments, output);
        output.ShouldContain(option + ": Required");
    }

    [Fact]
    public async Task Commands_WithoutAVerb_OrAnOptionWithoutValue_PrintUsage()
    {
        using var database = new TestDatabase();
        (await RunAsync(database, ["organisations"])).Exit.ShouldBe(AdminCommands.BadArguments);
        (await RunAsync(database, ["organisations", "delete"])).Output.ShouldContain("Unknown command 'organisations delete'");
        (await RunAsync(database, ["api-keys"])).Exit.ShouldBe(AdminCommands.BadArguments);
        var (exit, output) = await RunAsync(database, ["organisations", "create", "--name"]);
        exit.ShouldBe(AdminCommands.BadArguments);
        output.ShouldContain("--name needs a value.");
        (await RunAsync(database, ["api-keys", "create", "--organisation", "first"])).Output.ShouldContain("--organisation: required");
    }

    [Fact]
    public async Task List_ShowsEachOrganisation_AndApiKeysCreate_IssuesAKeyThatWorks()
    {
        using var database = new TestDatabase();
        var (_, created) = await RunAsync(database, ["organisations", "create", .. Valid, "--sender-name", "Klantenservice"]);
        var id = Regex.Match(created, @"Organisation id: (\d+)").Groups[1].Value;

        var (listed, list) = await RunAsync(database, ["organisations", "list"]);
        listed.ShouldBe(0, list);
        list.ShouldContain($"{id}  Waterbedrijf Noord  (created ");
        list.ShouldContain("1 active API key(s)");

        var (issued, issuedOutput) = await RunAsync(database, ["api-keys", "create", "--organisation", id, "--name", "spare"]);
        issued.ShouldBe(0, issuedOutput);
        var key = Regex.Match(issuedOutput, @"API key: (pk_\S+)").Groups[1].Value;
        await using var app = new PortalFactory(database);
        var organisation = await (await app.CreateApiClient(key).GetAsync("/api/v1/organisation")).JsonAsync();
        organisation.GetProperty("senderName").GetString().ShouldBe("Klantenservice");
        var keys = await (await app.CreateApiClient(key).GetAsync("/api/v1/api-keys")).JsonAsync();
        keys.EnumerateArray().Select(k => k.GetProperty("name").GetString()).ShouldBe(["first key", "spare"]);

        var (unknown, unknownOutput) = await RunAsync(database, ["api-keys", "create", "--organisation", "424242"]);
        unknown.ShouldBe(AdminCommands.Failed, unknownOutput);
        unknownOutput.ShouldContain("There is no organisation 424242.");
    }

    private static async Task<(int Exit, string Output)> RunAsync(TestDatabase database, string[] args)
    {
        var output = new StringWriter();
        var exit = await AdminCommands.RunAsync(
            [.. args, $"--Portal:Database:Provider={database.Provider}", $"--ConnectionStrings:Portal={database.ConnectionString}"], output);
        return (exit, output.ToString());
    }
}
