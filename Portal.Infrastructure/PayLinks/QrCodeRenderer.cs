using QRCoder;

namespace Portal.Infrastructure.PayLinks;

/// <summary>Draws QR codes (pay-link URLs for letters and screens) as SVG or PNG.</summary>
public class QrCodeRenderer
{
    public string Svg(string payload)
    {
        using var data = Encode(payload);
        return new SvgQRCode(data).GetGraphic(8, "#000000", "#FFFFFF", drawQuietZones: true);
    }

    public byte[] Png(string payload, int pixelsPerModule = 10)
    {
        using var data = Encode(payload);
        return new PngByteQRCode(data).GetGraphic(pixelsPerModule);
    }

    /// <summary>The modules of the QR code, for a letter that draws them itself; the caller disposes it.</summary>
    public static QRCodeData Encode(string payload)
    {
        using var generator = new QRCodeGenerator();
        return generator.CreateQrCode(payload, QRCodeGenerator.ECCLevel.M);
    }
}
