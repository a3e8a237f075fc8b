using QRCoder;

namespace Caravan.Web.Infrastructure;

/// <summary>A signed payload as a QR image inline in the page, so the card and certificates work offline once loaded.</summary>
public static class QrImages
{
    public static string DataUrl(string payload)
    {
        using var data = QRCodeGenerator.GenerateQrCode(payload, QRCodeGenerator.ECCLevel.L);
        return "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(3));
    }
}
