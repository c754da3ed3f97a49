using System.Net;
using System.Net.Sockets;

namespace EVisa.DevServer.Storage;

/// <summary>A loopback TCP port nothing listens on at the moment of asking, for Azurite, a server, or a dead endpoint.</summary>
public static class LoopbackPort
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
