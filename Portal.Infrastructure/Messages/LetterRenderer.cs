using System.Text.Json;
using PdfSharp.Drawing;
using PdfSharp.Drawing.Layout;
using PdfSharp.Pdf;
using Portal.Domain;
using Portal.Domain.Messages;
using Portal.Infrastructure.Payments;
using Portal.Infrastructure.PayLinks;

namespace Portal.Infrastructure.Messages;

/// <summary>
/// A letter as a PDF for the ERP to print and post: A4, the organisation's name (and logo) in its colour, the address
/// where a window envelope shows it, the date and subject, the text in B1, and at the foot the two ways to pay — the
/// pay link as a QR code with its address written out, and the bank transfer as an EPC QR code beside the IBAN,
/// amount and RF reference in words.
/// </summary>
public sealed class LetterRenderer
{
    private const double Margin = 56;
    private static readonly Dictionary<string, Dictionary<string, string>> Captions = LoadCaptions();

    /// <summary>Everything a letter shows.</summary>
    public sealed record Input(string OrganisationName, string BrandColour, byte[]? Logo, string? LogoContentType, string Language,
        MessageTexts Texts, LetterFacts Facts);

    /// <summary>The PDF, or null when this machine has no font to set it in (<see cref="LetterFonts.Missing"/>).</summary>
    public byte[]? Render(Input letter)
    {
        if (!LetterFonts.Available) return null;
        var words = Captions.GetValueOrDefault(letter.Language) ?? Captions["nl"];
        using var document = new PdfDocument();
        document.Info.Title = letter.Texts.Subject ?? letter.OrganisationName;
        document.Info.Author = letter.OrganisationName;
        var page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        using (var gfx = XGraphics.FromPdfPage(page))
        {
            var regular = new XFont(LetterFonts.Family, 10.5);
            var small = new XFont(LetterFonts.Family, 8.5);
            var bold = new XFont(LetterFonts.Family, 10.5, XFontStyleEx.Bold);
            var heading = new XFont(LetterFonts.Family, 16, XFontStyleEx.Bold);
            var width = page.Width.Point - 2 * Margin;
            var brand = new XSolidBrush(XColor.FromArgb(Convert.ToInt32(letter.BrandColour.TrimStart('#'), 16) | unchecked((int)0xFF000000)));

            gfx.DrawString(letter.OrganisationName, heading, brand, Margin, Margin + 16);
            if (letter.Logo is { } logo && letter.LogoContentType is "image/png" or "image/jpeg") DrawLogo(gfx, logo, page.Width.Point - Margin - 48);

            var y = 142.0; // a window envelope (DIN 5008, C5/6) shows the address here
            foreach (var line in letter.Facts.Address)
            {
                gfx.DrawString(line, regular, XBrushes.Black, Margin, y);
                y += 14;
            }
            gfx.DrawString(letter.Facts.Date, regular, XBrushes.Black, Margin, 262);
            gfx.DrawString(letter.Texts.Subject ?? "", bold, XBrushes.Black, Margin, 290);
            new XTextFormatter(gfx).DrawString(letter.Texts.Text, regular, XBrushes.Black, new XRect(Margin, 304, width, 330), XStringFormats.TopLeft);

            DrawPayBox(gfx, letter.Facts, words, small, bold, width);
        }
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    private void DrawPayBox(XGraphics gfx, LetterFacts facts, Dictionary<string, string> words, XFont small, XFont bold, double width)
    {
        const double top = 650;
        const double size = 96;
        gfx.DrawLine(new XPen(XColors.Gray, 0.5), Margin, top - 12, Margin + width, top - 12);
        using (var link = QrCodeRenderer.Encode(facts.PayLink)) DrawQr(gfx, link, Margin, top, size);
        var text = new XTextFormatter(gfx);
        text.DrawString(words["payOnline"], small, XBrushes.Black, new XRect(Margin + size + 8, top + 4, width / 2 - size - 16, size), XStringFormats.TopLeft);
        // The address written out whole, on a line of its own: a link is never broken over two lines.
        gfx.DrawString($"{words["goTo"]} {facts.PayLink}", small, XBrushes.Black, Margin, top + size + 16);
        if (facts is { LetterCode: { } code, LetterCodeUrl: { } codeUrl })
            gfx.DrawString(string.Format(System.Globalization.CultureInfo.InvariantCulture, words["letterCode"], codeUrl, code), small, XBrushes.Black, Margin, top + size + 28);
        if (facts is not { Iban: { } iban, AccountHolder: { } holder, AmountMinor: { } amount, Reference: { } reference }) return;

        var left = Margin + width / 2;
        var transfer = new BankTransferService.Instructions(iban, holder, Money.FromMinor(amount, "EUR"), reference, []);
        using (var epc = BankTransferService.EpcQrData(transfer)) DrawQr(gfx, epc, left, top, size);
        gfx.DrawString(words["payTransfer"], bold, XBrushes.Black, left + size + 8, top + 12);
        var lines = $"{words["amount"]}: {facts.Amount}\n{words["to"]}: {iban}\n{words["holder"]}: {holder}\n{words["reference"]}: {reference}";
        text.DrawString(lines, small, XBrushes.Black, new XRect(left + size + 8, top + 24, width / 2 - size - 8, size), XStringFormats.TopLeft);
    }

    /// <summary>A QR code drawn as squares: sharp at any print size, and no image format to go wrong.</summary>
    private static void DrawQr(XGraphics gfx, QRCoder.QRCodeData data, double x, double y, double size)
    {
        var modules = data.ModuleMatrix;
        var cell = size / modules.Count;
        for (var row = 0; row < modules.Count; row++)
            for (var column = 0; column < modules[row].Count; column++)
                if (modules[row][column]) gfx.DrawRectangle(XBrushes.Black, x + column * cell, y + row * cell, cell + 0.05, cell + 0.05);
    }

    /// <summary>The organisation's logo, when PDFsharp can read it; a letter without its logo is still a letter.</summary>
    private static void DrawLogo(XGraphics gfx, byte[] logo, double x)
    {
        try
        {
            using var image = XImage.FromStream(new MemoryStream(logo));
            gfx.DrawImage(image, x, Margin - 8, 48, 48);
        }
        catch (InvalidOperationException)
        {
            // A PNG variant PDFsharp's own reader does not take: the name above carries the brand.
        }
    }

    private static Dictionary<string, Dictionary<string, string>> LoadCaptions()
    {
        using var stream = typeof(LetterRenderer).Assembly.GetManifestResourceStream("Portal.Messages.Defaults.letter.json")
            ?? throw new InvalidOperationException("The letter captions are missing from the build.");
        return JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string>>>(stream)!;
    }
}
