"""Well-known unofficial and de-facto uses of ports, in portpedia's own words.

IANA says who registered a number; this catalogue says what people actually find
listening on it (dev servers, databases, games, malware), each fact with a source.
Ranges are entries with ``high`` set. The data is a plain literal so importing this
module stays cheap; :func:`uses_for` builds its index on first use.
"""

from __future__ import annotations

from functools import cache

from portpedia.knowledge.model import Source, UnofficialUse

__all__ = ["RISKS", "SOURCES", "TRANSPORTS", "UNOFFICIAL", "uses_for"]

RISKS = frozenset({"", "exposure", "malware"})
TRANSPORTS = frozenset({"tcp", "udp"})

_TCP = ("tcp",)
_UDP = ("udp",)
_TCP_UDP = ("tcp", "udp")
_EXPOSURE = "exposure"
_MALWARE = "malware"

SOURCES: tuple[Source, ...] = (
    Source(
        "iana-ports",
        "IANA Service Name and Transport Protocol Port Number Registry",
        (
            "https://www.iana.org/assignments/service-names-port-numbers/"
            "service-names-port-numbers.xhtml"
        ),
        "IANA",
    ),
    Source(
        "rfc1928",
        "RFC 1928: SOCKS Protocol Version 5",
        "https://www.rfc-editor.org/rfc/rfc1928",
        "IETF",
    ),
    Source(
        "rfc3948",
        "RFC 3948: UDP Encapsulation of IPsec ESP Packets",
        "https://www.rfc-editor.org/rfc/rfc3948",
        "IETF",
    ),
    Source(
        "rfc4795",
        "RFC 4795: Link-Local Multicast Name Resolution (LLMNR)",
        "https://www.rfc-editor.org/rfc/rfc4795",
        "IETF",
    ),
    Source(
        "rfc6143",
        "RFC 6143: The Remote Framebuffer Protocol",
        "https://www.rfc-editor.org/rfc/rfc6143",
        "IETF",
    ),
    Source("rfc6762", "RFC 6762: Multicast DNS", "https://www.rfc-editor.org/rfc/rfc6762", "IETF"),
    Source(
        "rfc7194",
        "RFC 7194: Default Port for Internet Relay Chat (IRC) via TLS/SSL",
        "https://www.rfc-editor.org/rfc/rfc7194",
        "IETF",
    ),
    Source(
        "rfc7296",
        "RFC 7296: Internet Key Exchange Protocol Version 2 (IKEv2)",
        "https://www.rfc-editor.org/rfc/rfc7296",
        "IETF",
    ),
    Source(
        "rfc7348",
        "RFC 7348: Virtual eXtensible Local Area Network (VXLAN)",
        "https://www.rfc-editor.org/rfc/rfc7348",
        "IETF",
    ),
    Source(
        "rfc8010",
        "RFC 8010: Internet Printing Protocol/1.1: Encoding and Transport",
        "https://www.rfc-editor.org/rfc/rfc8010",
        "IETF",
    ),
    Source(
        "rfc8489",
        "RFC 8489: Session Traversal Utilities for NAT (STUN)",
        "https://www.rfc-editor.org/rfc/rfc8489",
        "IETF",
    ),
    Source(
        "rfc8656",
        "RFC 8656: Traversal Using Relays around NAT (TURN)",
        "https://www.rfc-editor.org/rfc/rfc8656",
        "IETF",
    ),
    Source(
        "ms-dynamic-port-range",
        "The default dynamic port range for TCP/IP has changed since Windows Vista",
        (
            "https://learn.microsoft.com/en-us/troubleshoot/windows-server/networking/"
            "default-dynamic-port-range-tcpip-chang"
        ),
        "Microsoft",
    ),
    Source(
        "ms-service-ports",
        "Service overview and network port requirements for Windows",
        (
            "https://learn.microsoft.com/en-us/troubleshoot/windows-server/networking/"
            "service-overview-and-network-port-requirements"
        ),
        "Microsoft",
    ),
    Source(
        "ms-rdp-port",
        "Change the listening port for Remote Desktop on your computer",
        (
            "https://learn.microsoft.com/en-us/windows-server/remote/"
            "remote-desktop-services/clients/change-listening-port"
        ),
        "Microsoft",
    ),
    Source(
        "ms-winrm",
        "Installation and configuration for Windows Remote Management",
        (
            "https://learn.microsoft.com/en-us/windows/win32/winrm/"
            "installation-and-configuration-for-windows-remote-management"
        ),
        "Microsoft",
    ),
    Source(
        "ms-sql-firewall",
        "Configure the Windows Firewall to allow SQL Server access",
        (
            "https://learn.microsoft.com/en-us/sql/sql-server/install/"
            "configure-the-windows-firewall-to-allow-sql-server-access"
        ),
        "Microsoft",
    ),
    Source(
        "ms-365-endpoints",
        "Microsoft 365 URLs and IP address ranges",
        ("https://learn.microsoft.com/en-us/microsoft-365/enterprise/urls-and-ip-address-ranges"),
        "Microsoft",
    ),
    Source(
        "ms-delivery-optimization",
        "Delivery Optimization frequently asked questions",
        ("https://learn.microsoft.com/en-us/windows/deployment/do/waas-delivery-optimization-faq"),
        "Microsoft",
    ),
    Source(
        "cisa-amplification",
        "UDP-Based Amplification Attacks (TA14-017A)",
        ("https://www.cisa.gov/news-events/alerts/2014/01/17/udp-based-amplification-attacks"),
        "CISA",
    ),
    Source(
        "cisa-mirai",
        "Heightened DDoS Threat Posed by Mirai and Other Botnets (TA16-288A)",
        (
            "https://www.cisa.gov/news-events/alerts/2016/10/14/"
            "heightened-ddos-threat-posed-mirai-and-other-botnets"
        ),
        "CISA",
    ),
    Source(
        "cisa-smb",
        "SMB Security Best Practices",
        ("https://www.cisa.gov/news-events/alerts/2017/01/16/smb-security-best-practices"),
        "CISA",
    ),
    Source(
        "cisa-network-infra",
        (
            "Russian State-Sponsored Cyber Actors Targeting Network Infrastructure "
            "Devices (TA18-106A)"
        ),
        (
            "https://www.cisa.gov/news-events/alerts/2018/04/16/"
            "russian-state-sponsored-cyber-actors-targeting-network-infrastructure-devices"
        ),
        "CISA",
    ),
    Source(
        "mitre-llmnr-poisoning",
        "ATT&CK T1557.001: LLMNR/NBT-NS Poisoning and SMB Relay",
        "https://attack.mitre.org/techniques/T1557/001/",
        "MITRE",
    ),
    Source(
        "nvd-cve-2017-0144",
        "CVE-2017-0144 (SMBv1 remote code execution, EternalBlue)",
        "https://nvd.nist.gov/vuln/detail/CVE-2017-0144",
        "NIST NVD",
    ),
    Source(
        "nvd-cve-2019-0708",
        "CVE-2019-0708 (Remote Desktop Services remote code execution, BlueKeep)",
        "https://nvd.nist.gov/vuln/detail/CVE-2019-0708",
        "NIST NVD",
    ),
    Source(
        "nvd-cve-2020-1938",
        "CVE-2020-1938 (Apache Tomcat AJP file read/inclusion, Ghostcat)",
        "https://nvd.nist.gov/vuln/detail/CVE-2020-1938",
        "NIST NVD",
    ),
    Source(
        "nvd-cve-2020-14882",
        "CVE-2020-14882 (Oracle WebLogic Server console)",
        "https://nvd.nist.gov/vuln/detail/CVE-2020-14882",
        "NIST NVD",
    ),
    Source(
        "nvd-cve-2023-46604",
        "CVE-2023-46604 (Apache ActiveMQ OpenWire remote code execution)",
        "https://nvd.nist.gov/vuln/detail/CVE-2023-46604",
        "NIST NVD",
    ),
    Source(
        "nvd-cve-2023-48022",
        "CVE-2023-48022 (Ray Jobs API without authentication)",
        "https://nvd.nist.gov/vuln/detail/CVE-2023-48022",
        "NIST NVD",
    ),
    Source(
        "nvd-cve-2017-17215",
        "CVE-2017-17215 (Huawei HG532 remote code execution)",
        "https://nvd.nist.gov/vuln/detail/CVE-2017-17215",
        "NIST NVD",
    ),
    Source(
        "nvd-cve-2014-8361",
        "CVE-2014-8361 (Realtek SDK miniigd UPnP SOAP command injection)",
        "https://nvd.nist.gov/vuln/detail/CVE-2014-8361",
        "NIST NVD",
    ),
    Source(
        "isc-1243",
        "Port 1243 report",
        "https://isc.sans.edu/port.html?port=1243",
        "SANS Internet Storm Center",
    ),
    Source(
        "isc-1434",
        "Port 1434 report",
        "https://isc.sans.edu/port.html?port=1434",
        "SANS Internet Storm Center",
    ),
    Source(
        "isc-2745",
        "Port 2745 report",
        "https://isc.sans.edu/port.html?port=2745",
        "SANS Internet Storm Center",
    ),
    Source(
        "isc-3127",
        "Port 3127 report",
        "https://isc.sans.edu/port.html?port=3127",
        "SANS Internet Storm Center",
    ),
    Source(
        "isc-4070",
        "Port 4070 report",
        "https://isc.sans.edu/port.html?port=4070",
        "SANS Internet Storm Center",
    ),
    Source(
        "isc-4444",
        "Port 4444 report",
        "https://isc.sans.edu/port.html?port=4444",
        "SANS Internet Storm Center",
    ),
    Source(
        "isc-5554",
        "Port 5554 report",
        "https://isc.sans.edu/port.html?port=5554",
        "SANS Internet Storm Center",
    ),
    Source(
        "isc-6667",
        "Port 6667 report",
        "https://isc.sans.edu/port.html?port=6667",
        "SANS Internet Storm Center",
    ),
    Source(
        "isc-9996",
        "Port 9996 report",
        "https://isc.sans.edu/port.html?port=9996",
        "SANS Internet Storm Center",
    ),
    Source(
        "isc-12345",
        "Port 12345 report",
        "https://isc.sans.edu/port.html?port=12345",
        "SANS Internet Storm Center",
    ),
    Source(
        "isc-20034",
        "Port 20034 report",
        "https://isc.sans.edu/port.html?port=20034",
        "SANS Internet Storm Center",
    ),
    Source(
        "isc-27374",
        "Port 27374 report",
        "https://isc.sans.edu/port.html?port=27374",
        "SANS Internet Storm Center",
    ),
    Source(
        "isc-31337",
        "Port 31337 report",
        "https://isc.sans.edu/port.html?port=31337",
        "SANS Internet Storm Center",
    ),
    Source(
        "isc-54320",
        "Port 54320 report",
        "https://isc.sans.edu/port.html?port=54320",
        "SANS Internet Storm Center",
    ),
    Source(
        "isc-57621",
        "Port 57621 report",
        "https://isc.sans.edu/port.html?port=57621",
        "SANS Internet Storm Center",
    ),
    Source("vite-server", "Vite: Server Options", "https://vite.dev/config/server-options", "Vite"),
    Source(
        "vite-preview", "Vite: Preview Options", "https://vite.dev/config/preview-options", "Vite"
    ),
    Source(
        "nextjs-cli",
        "Next.js CLI reference",
        "https://nextjs.org/docs/app/api-reference/cli/next",
        "Vercel",
    ),
    Source(
        "cra-config",
        "Create React App: Advanced Configuration",
        "https://create-react-app.dev/docs/advanced-configuration/",
        "Create React App",
    ),
    Source(
        "express-hello",
        "Express: Hello world example",
        "https://expressjs.com/en/starter/hello-world.html",
        "Express",
    ),
    Source(
        "rails-cli",
        "Rails Guides: The Rails Command Line",
        "https://guides.rubyonrails.org/command_line.html",
        "Ruby on Rails",
    ),
    Source("angular-serve", "Angular CLI: ng serve", "https://angular.dev/cli/serve", "Angular"),
    Source(
        "flask-quickstart",
        "Flask: Quickstart",
        "https://flask.palletsprojects.com/en/stable/quickstart/",
        "Pallets",
    ),
    Source(
        "django-admin",
        "Django: django-admin and manage.py (runserver)",
        "https://docs.djangoproject.com/en/stable/ref/django-admin/",
        "Django Software Foundation",
    ),
    Source(
        "python-http-server",
        "Python documentation: http.server",
        "https://docs.python.org/3/library/http.server.html",
        "Python Software Foundation",
    ),
    Source("uvicorn-settings", "Uvicorn: Settings", "https://www.uvicorn.org/settings/", "Uvicorn"),
    Source(
        "gatsby-cli",
        "Gatsby CLI reference",
        "https://www.gatsbyjs.com/docs/reference/gatsby-cli/",
        "Gatsby",
    ),
    Source("hugo-server", "Hugo: hugo server", "https://gohugo.io/commands/hugo_server/", "Hugo"),
    Source(
        "jekyll-options",
        "Jekyll: Configuration Options",
        "https://jekyllrb.com/docs/configuration/options/",
        "Jekyll",
    ),
    Source(
        "phoenix-up",
        "Phoenix: Up and Running",
        "https://hexdocs.pm/phoenix/up_and_running.html",
        "Phoenix Framework",
    ),
    Source(
        "webpack-dev-server",
        "webpack: DevServer",
        "https://webpack.js.org/configuration/dev-server/",
        "webpack",
    ),
    Source(
        "vue-cli-service",
        "Vue CLI: CLI Service",
        "https://cli.vuejs.org/guide/cli-service.html",
        "Vue.js",
    ),
    Source("nuxt-dev", "Nuxt: nuxi dev", "https://nuxt.com/docs/api/commands/dev", "Nuxt"),
    Source(
        "storybook-cli",
        "Storybook: CLI options",
        "https://storybook.js.org/docs/api/cli-options",
        "Storybook",
    ),
    Source(
        "parcel-dev", "Parcel: Development", "https://parceljs.org/features/development/", "Parcel"
    ),
    Source(
        "sinatra-intro", "Sinatra: Getting Started", "https://sinatrarb.com/intro.html", "Sinatra"
    ),
    Source("laravel-docs", "Laravel documentation", "https://laravel.com/docs", "Laravel"),
    Source(
        "spring-boot-docs",
        "Spring Boot reference documentation",
        "https://docs.spring.io/spring-boot/",
        "Spring",
    ),
    Source(
        "vscode-live-server",
        "Live Server extension for Visual Studio Code",
        "https://github.com/ritwickdey/vscode-live-server",
        "Ritwick Dey",
    ),
    Source(
        "metro-config",
        "Metro: Configuring Metro",
        "https://metrobundler.dev/docs/configuration",
        "Meta",
    ),
    Source(
        "jupyter-docs",
        "Project Jupyter documentation",
        "https://docs.jupyter.org/en/latest/",
        "Project Jupyter",
    ),
    Source(
        "tensorboard-start",
        "Get started with TensorBoard",
        "https://www.tensorflow.org/tensorboard/get_started",
        "TensorFlow",
    ),
    Source(
        "gradio-quickstart",
        "Gradio: Quickstart",
        "https://www.gradio.app/guides/quickstart",
        "Gradio",
    ),
    Source("streamlit-docs", "Streamlit documentation", "https://docs.streamlit.io/", "Streamlit"),
    Source("ollama-repo", "Ollama", "https://github.com/ollama/ollama", "Ollama"),
    Source("lmstudio-docs", "LM Studio documentation", "https://lmstudio.ai/docs", "LM Studio"),
    Source("mlflow-docs", "MLflow documentation", "https://mlflow.org/docs/latest/", "MLflow"),
    Source("ray-docs", "Ray documentation", "https://docs.ray.io/en/latest/", "Anyscale"),
    Source("n8n-docs", "n8n documentation", "https://docs.n8n.io/", "n8n"),
    Source(
        "nodered-local",
        "Node-RED: Running locally",
        "https://nodered.org/docs/getting-started/local",
        "OpenJS Foundation",
    ),
    Source(
        "nodered-security",
        "Node-RED: Securing Node-RED",
        "https://nodered.org/docs/user-guide/runtime/securing-node-red",
        "OpenJS Foundation",
    ),
    Source(
        "homeassistant-http",
        "Home Assistant: HTTP integration",
        "https://www.home-assistant.io/integrations/http/",
        "Home Assistant",
    ),
    Source("uptime-kuma", "Uptime Kuma", "https://github.com/louislam/uptime-kuma", "Louis Lam"),
    Source(
        "node-debugging",
        "Node.js: Debugging",
        "https://nodejs.org/en/learn/getting-started/debugging",
        "OpenJS Foundation",
    ),
    Source(
        "chrome-devtools-protocol",
        "Chrome DevTools Protocol",
        "https://chromedevtools.github.io/devtools-protocol/",
        "Google",
    ),
    Source(
        "jetbrains-remote-debug",
        "IntelliJ IDEA: Tutorial: Remote debug",
        "https://www.jetbrains.com/help/idea/tutorial-remote-debug.html",
        "JetBrains",
    ),
    Source(
        "android-adb",
        "Android Debug Bridge (adb)",
        "https://developer.android.com/tools/adb",
        "Google",
    ),
    Source(
        "android-emulator-console",
        "Send Emulator console commands",
        "https://developer.android.com/studio/run/emulator-console",
        "Google",
    ),
    Source("gitea-docs", "Gitea documentation", "https://docs.gitea.com/", "Gitea"),
    Source(
        "mattermost-docs", "Mattermost documentation", "https://docs.mattermost.com/", "Mattermost"
    ),
    Source(
        "metabase-docs",
        "Metabase documentation",
        "https://www.metabase.com/docs/latest/",
        "Metabase",
    ),
    Source("ngrok-docs", "ngrok documentation", "https://ngrok.com/docs", "ngrok"),
    Source(
        "xserver-man",
        "Xserver(1) manual page",
        "https://www.x.org/releases/current/doc/man/man1/Xserver.1.xhtml",
        "X.Org Foundation",
    ),
    Source(
        "apple-ports",
        "TCP and UDP ports used by Apple software products",
        "https://support.apple.com/HT202944",
        "Apple",
    ),
    Source(
        "firebase-fcm-ports",
        ("Firebase Cloud Messaging: messaging concepts and options (ports and firewall)"),
        "https://firebase.google.com/docs/cloud-messaging/concept-options",
        "Google",
    ),
    Source(
        "openssh-sshd-config", "sshd_config(5)", "https://man.openbsd.org/sshd_config", "OpenBSD"
    ),
    Source(
        "directadmin-docs",
        "DirectAdmin documentation",
        "https://docs.directadmin.com/",
        "JBMC Software",
    ),
    Source("cpanel-docs", "cPanel & WHM documentation", "https://docs.cpanel.net/", "cPanel"),
    Source("webmin", "Webmin", "https://webmin.com/", "Webmin"),
    Source(
        "cockpit-guide",
        "Cockpit guide",
        "https://cockpit-project.org/guide/latest/",
        "Cockpit Project",
    ),
    Source(
        "proxmox-firewall",
        "Proxmox VE: Firewall",
        "https://pve.proxmox.com/wiki/Firewall",
        "Proxmox",
    ),
    Source(
        "synology-ports",
        "What network ports are used by Synology services?",
        (
            "https://kb.synology.com/en-global/DSM/tutorial/"
            "What_network_ports_are_used_by_Synology_services"
        ),
        "Synology",
    ),
    Source(
        "unifi-ports",
        "UniFi: Required Ports Reference",
        "https://help.ui.com/hc/en-us/articles/218506997",
        "Ubiquiti",
    ),
    Source(
        "mikrotik-docs",
        "MikroTik RouterOS documentation",
        "https://help.mikrotik.com/docs/",
        "MikroTik",
    ),
    Source(
        "supervisor-config",
        "Supervisor: Configuration File",
        "http://supervisord.org/configuration.html",
        "Supervisor",
    ),
    Source(
        "squid-http-port",
        "Squid configuration directive http_port",
        "https://www.squid-cache.org/Doc/config/http_port/",
        "Squid",
    ),
    Source(
        "privoxy-config",
        "Privoxy user manual: The Main Configuration File",
        "https://www.privoxy.org/user-manual/config.html",
        "Privoxy",
    ),
    Source(
        "tor-manual",
        "Tor manual",
        "https://2019.www.torproject.org/docs/tor-manual.html.en",
        "The Tor Project",
    ),
    Source(
        "tor-support", "Tor Project support", "https://support.torproject.org/", "The Tor Project"
    ),
    Source("shadowsocks", "Shadowsocks", "https://shadowsocks.org/", "Shadowsocks"),
    Source(
        "wireguard-quickstart",
        "WireGuard: Quick Start",
        "https://www.wireguard.com/quickstart/",
        "WireGuard",
    ),
    Source(
        "tailscale-firewall",
        "Tailscale: What firewall ports should I open to use Tailscale?",
        "https://tailscale.com/kb/1082/firewall-ports",
        "Tailscale",
    ),
    Source("zerotier-docs", "ZeroTier documentation", "https://docs.zerotier.com/", "ZeroTier"),
    Source(
        "syncthing-firewall",
        "Syncthing: Firewall Setup",
        "https://docs.syncthing.net/users/firewall.html",
        "Syncthing",
    ),
    Source("mosh", "Mosh: the mobile shell", "https://mosh.org/", "Mosh"),
    Source(
        "bittorrent-bep3",
        "BEP 3: The BitTorrent Protocol Specification",
        "https://www.bittorrent.org/beps/bep_0003.html",
        "BitTorrent.org",
    ),
    Source("transmission", "Transmission", "https://transmissionbt.com/", "Transmission Project"),
    Source(
        "aria2-manual",
        "aria2c manual",
        "https://aria2.github.io/manual/en/html/aria2c.html",
        "aria2",
    ),
    Source(
        "bitcoin-p2p",
        "Bitcoin developer reference: P2P network",
        "https://developer.bitcoin.org/reference/p2p_networking.html",
        "Bitcoin.org",
    ),
    Source(
        "ethereum-networking",
        "Ethereum networking layer",
        "https://ethereum.org/en/developers/docs/networking-layer/",
        "ethereum.org",
    ),
    Source(
        "ethereum-json-rpc",
        "Ethereum JSON-RPC API",
        "https://ethereum.org/en/developers/docs/apis/json-rpc/",
        "ethereum.org",
    ),
    Source(
        "lightning-bolts",
        "BOLT: Basis of Lightning Technology specifications",
        "https://github.com/lightning/bolts",
        "Lightning Network developers",
    ),
    Source("ipfs-docs", "IPFS documentation", "https://docs.ipfs.tech/", "IPFS"),
    Source(
        "plex-ports",
        "Plex: What network ports do I need to allow through my firewall?",
        (
            "https://support.plex.tv/articles/"
            "201543147-what-network-ports-do-i-need-to-allow-through-my-firewall/"
        ),
        "Plex",
    ),
    Source(
        "jellyfin-networking",
        "Jellyfin: Networking",
        "https://jellyfin.org/docs/general/networking/",
        "Jellyfin",
    ),
    Source(
        "servarr-wiki",
        "Servarr wiki (Sonarr, Radarr, Lidarr, Prowlarr)",
        "https://wiki.servarr.com/",
        "Servarr",
    ),
    Source(
        "nginx-rtmp",
        "nginx-rtmp-module",
        "https://github.com/arut/nginx-rtmp-module",
        "Roman Arutyunyan",
    ),
    Source("mediamtx", "MediaMTX", "https://github.com/bluenviron/mediamtx", "bluenviron"),
    Source(
        "minecraft-server-properties",
        "Minecraft Wiki: server.properties",
        "https://minecraft.wiki/w/Server.properties",
        "Minecraft Wiki",
    ),
    Source(
        "minecraft-bds",
        "Minecraft Wiki: Bedrock Dedicated Server",
        "https://minecraft.wiki/w/Bedrock_Dedicated_Server",
        "Minecraft Wiki",
    ),
    Source(
        "steam-ports",
        "Required ports for Steam",
        "https://help.steampowered.com/en/faqs/view/2EA8-4D75-DA21-31EB",
        "Valve",
    ),
    Source(
        "valve-srcds",
        "Source Dedicated Server",
        "https://developer.valvesoftware.com/wiki/Source_Dedicated_Server",
        "Valve Developer Community",
    ),
    Source(
        "valve-rcon",
        "Source RCON Protocol",
        "https://developer.valvesoftware.com/wiki/Source_RCON_Protocol",
        "Valve Developer Community",
    ),
    Source(
        "xbox-ports",
        "Network ports used by Xbox network",
        (
            "https://support.xbox.com/en-US/help/hardware-network/connect-network/"
            "network-ports-used-xbox-live"
        ),
        "Microsoft",
    ),
    Source(
        "terraria-server",
        "Terraria Wiki: Server",
        "https://terraria.wiki.gg/wiki/Server",
        "Terraria Wiki",
    ),
    Source(
        "factorio-multiplayer",
        "Factorio Wiki: Multiplayer",
        "https://wiki.factorio.com/Multiplayer",
        "Wube Software",
    ),
    Source("mumble", "Mumble", "https://www.mumble.info/", "Mumble"),
    Source(
        "redis-config",
        "Redis configuration",
        "https://redis.io/docs/latest/operate/oss_and_stack/management/config/",
        "Redis",
    ),
    Source(
        "redis-security",
        "Redis security",
        "https://redis.io/docs/latest/operate/oss_and_stack/management/security/",
        "Redis",
    ),
    Source(
        "redis-sentinel",
        "High availability with Redis Sentinel",
        "https://redis.io/docs/latest/operate/oss_and_stack/management/sentinel/",
        "Redis",
    ),
    Source(
        "redis-cluster-spec",
        "Redis cluster specification",
        "https://redis.io/docs/latest/operate/oss_and_stack/reference/cluster-spec/",
        "Redis",
    ),
    Source(
        "mongodb-ports",
        "MongoDB: Default MongoDB Port",
        "https://www.mongodb.com/docs/manual/reference/default-mongodb-port/",
        "MongoDB",
    ),
    Source(
        "mysql-ports",
        "MySQL Port Reference",
        "https://dev.mysql.com/doc/mysql-port-reference/en/",
        "Oracle",
    ),
    Source(
        "postgres-connection",
        "PostgreSQL: Connections and Authentication",
        "https://www.postgresql.org/docs/current/runtime-config-connection.html",
        "The PostgreSQL Global Development Group",
    ),
    Source(
        "pgbouncer-config",
        "PgBouncer configuration",
        "https://www.pgbouncer.org/config.html",
        "PgBouncer",
    ),
    Source(
        "oracle-db-docs",
        "Oracle Database documentation",
        "https://docs.oracle.com/en/database/",
        "Oracle",
    ),
    Source("db2-docs", "IBM Db2 documentation", "https://www.ibm.com/docs/en/db2", "IBM"),
    Source("sap-help", "SAP Help Portal", "https://help.sap.com/", "SAP"),
    Source(
        "elasticsearch-network",
        "Elasticsearch: Networking",
        ("https://www.elastic.co/guide/en/elasticsearch/reference/current/modules-network.html"),
        "Elastic",
    ),
    Source(
        "kibana-settings",
        "Kibana: Configure Kibana",
        "https://www.elastic.co/guide/en/kibana/current/settings.html",
        "Elastic",
    ),
    Source(
        "logstash-beats",
        "Logstash: Beats input plugin",
        "https://www.elastic.co/guide/en/logstash/current/plugins-inputs-beats.html",
        "Elastic",
    ),
    Source(
        "memcached-wiki",
        "Memcached wiki",
        "https://github.com/memcached/memcached/wiki",
        "Memcached",
    ),
    Source(
        "couchdb-docs",
        "Apache CouchDB documentation",
        "https://docs.couchdb.org/en/stable/",
        "The Apache Software Foundation",
    ),
    Source(
        "neo4j-ports",
        "Neo4j Operations Manual: Ports",
        "https://neo4j.com/docs/operations-manual/current/configuration/ports/",
        "Neo4j",
    ),
    Source(
        "influxdb-docs",
        "InfluxDB documentation",
        "https://docs.influxdata.com/influxdb/",
        "InfluxData",
    ),
    Source(
        "cassandra-docs",
        "Apache Cassandra documentation",
        "https://cassandra.apache.org/doc/latest/",
        "The Apache Software Foundation",
    ),
    Source(
        "cockroach-start",
        "CockroachDB: cockroach start",
        "https://www.cockroachlabs.com/docs/stable/cockroach-start",
        "Cockroach Labs",
    ),
    Source(
        "couchbase-ports",
        "Couchbase Server: Network and Firewall Requirements",
        "https://docs.couchbase.com/server/current/install/install-ports.html",
        "Couchbase",
    ),
    Source(
        "clickhouse-ports",
        "ClickHouse: Network ports",
        "https://clickhouse.com/docs/en/guides/sre/network-ports",
        "ClickHouse",
    ),
    Source("arangodb-docs", "ArangoDB documentation", "https://docs.arangodb.com/", "ArangoDB"),
    Source("rethinkdb-docs", "RethinkDB documentation", "https://rethinkdb.com/docs/", "RethinkDB"),
    Source("tidb-docs", "TiDB documentation", "https://docs.pingcap.com/tidb/stable/", "PingCAP"),
    Source(
        "solr-guide",
        "Apache Solr Reference Guide",
        "https://solr.apache.org/guide/",
        "The Apache Software Foundation",
    ),
    Source(
        "meilisearch-docs",
        "Meilisearch documentation",
        "https://www.meilisearch.com/docs",
        "Meilisearch",
    ),
    Source("qdrant-docs", "Qdrant documentation", "https://qdrant.tech/documentation/", "Qdrant"),
    Source("milvus-docs", "Milvus documentation", "https://milvus.io/docs", "Zilliz"),
    Source("chroma-docs", "Chroma documentation", "https://docs.trychroma.com/", "Chroma"),
    Source(
        "graphite-docs",
        "Graphite documentation",
        "https://graphite.readthedocs.io/en/latest/",
        "Graphite Project",
    ),
    Source(
        "rabbitmq-networking",
        "RabbitMQ: Networking and RabbitMQ",
        "https://www.rabbitmq.com/docs/networking",
        "Broadcom",
    ),
    Source(
        "kafka-docs",
        "Apache Kafka documentation",
        "https://kafka.apache.org/documentation/",
        "The Apache Software Foundation",
    ),
    Source(
        "zookeeper-admin",
        "ZooKeeper Administrator's Guide",
        "https://zookeeper.apache.org/doc/current/zookeeperAdmin.html",
        "The Apache Software Foundation",
    ),
    Source(
        "confluent-schema-registry",
        "Confluent Schema Registry",
        "https://docs.confluent.io/platform/current/schema-registry/index.html",
        "Confluent",
    ),
    Source(
        "mosquitto-conf",
        "mosquitto.conf(5)",
        "https://mosquitto.org/man/mosquitto-conf-5.html",
        "Eclipse Mosquitto",
    ),
    Source("nats-docs", "NATS documentation", "https://docs.nats.io/", "Synadia / CNCF"),
    Source(
        "activemq",
        "Apache ActiveMQ",
        "https://activemq.apache.org/",
        "The Apache Software Foundation",
    ),
    Source(
        "pulsar-docs",
        "Apache Pulsar documentation",
        "https://pulsar.apache.org/docs/",
        "The Apache Software Foundation",
    ),
    Source(
        "docker-protect",
        "Docker: Protect the Docker daemon socket",
        "https://docs.docker.com/engine/security/protect-access/",
        "Docker",
    ),
    Source(
        "docker-swarm",
        "Docker: Getting started with Swarm mode",
        "https://docs.docker.com/engine/swarm/swarm-tutorial/",
        "Docker",
    ),
    Source(
        "docker-registry-image",
        "Docker Hub: registry official image",
        "https://hub.docker.com/_/registry",
        "Docker",
    ),
    Source(
        "k8s-ports",
        "Kubernetes: Ports and Protocols",
        "https://kubernetes.io/docs/reference/networking/ports-and-protocols/",
        "The Kubernetes Authors",
    ),
    Source(
        "k8s-kubelet",
        "Kubernetes: kubelet command-line reference",
        "https://kubernetes.io/docs/reference/command-line-tools-reference/kubelet/",
        "The Kubernetes Authors",
    ),
    Source(
        "k8s-service",
        "Kubernetes: Service",
        "https://kubernetes.io/docs/concepts/services-networking/service/",
        "The Kubernetes Authors",
    ),
    Source("etcd-docs", "etcd documentation", "https://etcd.io/docs/", "etcd Authors"),
    Source(
        "consul-docs",
        "Consul documentation",
        "https://developer.hashicorp.com/consul/docs",
        "HashiCorp",
    ),
    Source(
        "vault-docs",
        "Vault documentation",
        "https://developer.hashicorp.com/vault/docs",
        "HashiCorp",
    ),
    Source(
        "nomad-docs",
        "Nomad documentation",
        "https://developer.hashicorp.com/nomad/docs",
        "HashiCorp",
    ),
    Source(
        "prometheus-ports",
        "Prometheus wiki: Default port allocations",
        "https://github.com/prometheus/prometheus/wiki/Default-port-allocations",
        "Prometheus Authors",
    ),
    Source(
        "prometheus-docs",
        "Prometheus: Overview",
        "https://prometheus.io/docs/introduction/overview/",
        "Prometheus Authors",
    ),
    Source(
        "node-exporter",
        "Prometheus Node Exporter",
        "https://github.com/prometheus/node_exporter",
        "Prometheus Authors",
    ),
    Source(
        "grafana-config",
        "Grafana: Configure Grafana",
        "https://grafana.com/docs/grafana/latest/setup-grafana/configure-grafana/",
        "Grafana Labs",
    ),
    Source(
        "loki-docs",
        "Grafana Loki documentation",
        "https://grafana.com/docs/loki/latest/",
        "Grafana Labs",
    ),
    Source(
        "tempo-docs",
        "Grafana Tempo documentation",
        "https://grafana.com/docs/tempo/latest/",
        "Grafana Labs",
    ),
    Source("statsd", "StatsD", "https://github.com/statsd/statsd", "StatsD"),
    Source(
        "otlp-spec",
        "OpenTelemetry Protocol (OTLP) specification",
        "https://opentelemetry.io/docs/specs/otlp/",
        "OpenTelemetry",
    ),
    Source(
        "jaeger-docs",
        "Jaeger documentation",
        "https://www.jaegertracing.io/docs/latest/",
        "The Jaeger Authors",
    ),
    Source(
        "zipkin-quickstart",
        "Zipkin: Quickstart",
        "https://zipkin.io/pages/quickstart.html",
        "OpenZipkin",
    ),
    Source(
        "fluentd-forward",
        "Fluentd: forward input plugin",
        "https://docs.fluentd.org/input/forward",
        "Fluentd Project",
    ),
    Source("netdata-docs", "Netdata documentation", "https://learn.netdata.cloud/", "Netdata"),
    Source(
        "datadog-network",
        "Datadog Agent: Network traffic",
        "https://docs.datadoghq.com/agent/configuration/network/",
        "Datadog",
    ),
    Source(
        "zabbix-manual",
        "Zabbix manual",
        "https://www.zabbix.com/documentation/current/en/manual",
        "Zabbix",
    ),
    Source(
        "nrpe",
        "NRPE: Nagios Remote Plugin Executor",
        "https://github.com/NagiosEnterprises/nrpe",
        "Nagios Enterprises",
    ),
    Source(
        "traefik-docs", "Traefik documentation", "https://doc.traefik.io/traefik/", "Traefik Labs"
    ),
    Source(
        "envoy-admin",
        "Envoy: Administration interface",
        "https://www.envoyproxy.io/docs/envoy/latest/operations/admin",
        "Envoy Project",
    ),
    Source(
        "istio-ports",
        "Istio: Application Requirements (ports used by Istio)",
        "https://istio.io/latest/docs/ops/deployment/application-requirements/",
        "Istio Authors",
    ),
    Source(
        "tomcat-http",
        "Apache Tomcat 10.1: The HTTP Connector",
        "https://tomcat.apache.org/tomcat-10.1-doc/config/http.html",
        "The Apache Software Foundation",
    ),
    Source(
        "tomcat-ajp",
        "Apache Tomcat 10.1: The AJP Connector",
        "https://tomcat.apache.org/tomcat-10.1-doc/config/ajp.html",
        "The Apache Software Foundation",
    ),
    Source(
        "tomcat-server",
        "Apache Tomcat 10.1: The Server Component",
        "https://tomcat.apache.org/tomcat-10.1-doc/config/server.html",
        "The Apache Software Foundation",
    ),
    Source(
        "jenkins-docker",
        "Jenkins: Installing Jenkins with Docker",
        "https://www.jenkins.io/doc/book/installing/docker/",
        "Jenkins Project",
    ),
    Source(
        "selenium-grid",
        "Selenium Grid",
        "https://www.selenium.dev/documentation/grid/",
        "Software Freedom Conservancy",
    ),
    Source(
        "php-fpm-config",
        "PHP manual: FPM configuration",
        "https://www.php.net/manual/en/install.fpm.configuration.php",
        "The PHP Group",
    ),
    Source("sonar-docs", "SonarQube documentation", "https://docs.sonarsource.com/", "SonarSource"),
    Source(
        "minio-docs", "MinIO documentation", "https://min.io/docs/minio/linux/index.html", "MinIO"
    ),
    Source("portainer-docs", "Portainer documentation", "https://docs.portainer.io/", "Portainer"),
    Source(
        "hadoop-hdfs-default",
        "Hadoop: hdfs-default.xml",
        ("https://hadoop.apache.org/docs/stable/hadoop-project-dist/hadoop-hdfs/hdfs-default.xml"),
        "The Apache Software Foundation",
    ),
    Source(
        "hadoop-yarn-default",
        "Hadoop: yarn-default.xml",
        ("https://hadoop.apache.org/docs/stable/hadoop-yarn/hadoop-yarn-common/yarn-default.xml"),
        "The Apache Software Foundation",
    ),
    Source(
        "spark-security",
        "Apache Spark: Security (configuring ports for network security)",
        "https://spark.apache.org/docs/latest/security.html",
        "The Apache Software Foundation",
    ),
    Source(
        "nessus-docs", "Tenable Nessus documentation", "https://docs.tenable.com/nessus/", "Tenable"
    ),
)

UNOFFICIAL: tuple[UnofficialUse, ...] = (
    UnofficialUse(
        22,
        _TCP,
        "SSH (internet-facing)",
        (
            "Any SSH server reachable from the internet is probed around the clock by "
            "bots guessing passwords, so expect failed logins in the logs. Key-only "
            "authentication makes that noise harmless."
        ),
        ("openssh-sshd-config", "iana-ports"),
    ),
    UnofficialUse(
        23,
        _TCP,
        "Telnet on routers, cameras and IoT devices",
        (
            "Telnet sends logins in clear text, and Mirai-style botnets recruit "
            "devices by trying factory passwords on it. An open port 23 on an "
            "internet-facing device is a serious finding."
        ),
        ("cisa-mirai", "iana-ports"),
        risk=_EXPOSURE,
    ),
    UnofficialUse(
        135,
        _TCP,
        "Microsoft RPC endpoint mapper",
        (
            "Windows uses it to tell clients which dynamic port an RPC service (DCOM, "
            "WMI, AD tools) is listening on. It is normal inside a Windows network but "
            "should never be reachable from the internet."
        ),
        ("ms-service-ports",),
        risk=_EXPOSURE,
    ),
    UnofficialUse(
        137,
        _TCP_UDP,
        "NetBIOS name, datagram and session services",
        (
            "Legacy Windows file-sharing helpers: 137/udp name lookups, 138/udp "
            "datagrams and 139/tcp sessions. Chatty on LANs, and exposing them to the "
            "internet leaks machine names and invites SMB attacks."
        ),
        ("ms-service-ports", "cisa-smb"),
        risk=_EXPOSURE,
        high=139,
    ),
    UnofficialUse(
        445,
        _TCP,
        "SMB file sharing (Windows, Samba)",
        (
            "Windows file and printer sharing and Samba listen here. Worms such as "
            "WannaCry spread through SMBv1 flaws on this port, so it must never be "
            "open to the internet."
        ),
        ("cisa-smb", "nvd-cve-2017-0144", "ms-service-ports"),
        risk=_EXPOSURE,
    ),
    UnofficialUse(
        500,
        _UDP,
        "IPsec IKE (VPN key exchange)",
        (
            "Site-to-site and many remote-access VPNs negotiate their IPsec keys on "
            "this port. Traffic here usually means a VPN gateway or a client "
            "connecting to one."
        ),
        ("rfc7296", "iana-ports"),
    ),
    UnofficialUse(
        548,
        _TCP,
        "AFP (Apple Filing Protocol)",
        (
            "Older Macs, Time Capsules and some NAS boxes share files over AFP; recent "
            "macOS versions prefer SMB instead. It belongs on the local network only."
        ),
        ("apple-ports", "iana-ports"),
    ),
    UnofficialUse(
        631,
        _TCP_UDP,
        "CUPS printing (IPP)",
        (
            "The CUPS print server on Linux and macOS listens here for the Internet "
            "Printing Protocol and hosts its web admin page at http://localhost:631. "
            "It should stay on localhost or the LAN."
        ),
        ("rfc8010", "iana-ports"),
    ),
    UnofficialUse(
        1080,
        _TCP,
        "SOCKS proxy",
        (
            "The conventional port for SOCKS proxies such as ssh -D tunnels or Dante. "
            "An open SOCKS proxy reachable from the internet is quickly found and "
            "abused to relay other people's traffic."
        ),
        ("rfc1928", "iana-ports"),
        risk=_EXPOSURE,
    ),
    UnofficialUse(
        1194,
        _TCP_UDP,
        "OpenVPN",
        (
            "OpenVPN servers listen here by default, usually over UDP. Seeing it means "
            "a VPN endpoint, which is normal when you run or use one."
        ),
        ("iana-ports",),
    ),
    UnofficialUse(
        1234,
        _TCP,
        "LM Studio local API server",
        (
            "LM Studio's local server offers an OpenAI-compatible API for local models "
            "on this port by default. Anyone who can reach it can use your models."
        ),
        ("lmstudio-docs",),
    ),
    UnofficialUse(
        1234,
        _TCP,
        "Parcel dev server",
        (
            "The Parcel bundler serves the app under development at http://"
            "localhost:1234 by default."
        ),
        ("parcel-dev",),
    ),
    UnofficialUse(
        1243,
        _TCP,
        "SubSeven backdoor (early versions)",
        (
            "Early SubSeven remote-access trojans listened on 1243. Connections here "
            "on a modern network are more likely scans looking for old infections."
        ),
        ("isc-1243",),
        risk=_MALWARE,
    ),
    UnofficialUse(
        1313,
        _TCP,
        "Hugo dev server",
        ("hugo server previews the static site with live reload on http://localhost:1313."),
        ("hugo-server",),
    ),
    UnofficialUse(
        1433,
        _TCP,
        "Microsoft SQL Server",
        (
            "The default instance of SQL Server accepts client connections here. "
            "Internet-exposed SQL Servers face constant password guessing against the "
            "sa account."
        ),
        ("ms-sql-firewall",),
        risk=_EXPOSURE,
    ),
    UnofficialUse(
        1434,
        _UDP,
        "SQL Server Browser",
        (
            "SQL Server Browser answers here to tell clients which port a named "
            "instance uses. The 2003 Slammer worm spread through this service, and it "
            "should not be reachable from outside."
        ),
        ("ms-sql-firewall", "isc-1434"),
        risk=_EXPOSURE,
    ),
    UnofficialUse(
        1521,
        _TCP,
        "Oracle Database listener",
        (
            "The Oracle Net listener accepts database connections here by default, "
            "although IANA registered the number for something else. Keep it behind a "
            "firewall."
        ),
        ("oracle-db-docs", "iana-ports"),
        risk=_EXPOSURE,
    ),
    UnofficialUse(
        1880,
        _TCP,
        "Node-RED",
        (
            "The Node-RED flow editor listens on 1880 with no login by default. An "
            "exposed editor lets anyone run code on the host."
        ),
        ("nodered-local", "nodered-security"),
        risk=_EXPOSURE,
    ),
    UnofficialUse(
        1883,
        _TCP,
        "MQTT",
        (
            "MQTT brokers such as Mosquitto accept unencrypted IoT and home-automation "
            "messages on 1883. Brokers exposed without authentication leak sensor data "
            "and accept commands from anyone."
        ),
        ("mosquitto-conf", "iana-ports"),
        risk=_EXPOSURE,
    ),
    UnofficialUse(
        1900,
        _UDP,
        "SSDP / UPnP discovery",
        (
            "Routers, smart TVs, media servers and Windows use SSDP multicast here to "
            "discover each other. A device that answers SSDP from the internet can be "
            "abused for reflection DDoS attacks."
        ),
        ("cisa-amplification", "iana-ports"),
        risk=_EXPOSURE,
    ),
    UnofficialUse(
        1935,
        _TCP,
        "RTMP live streaming",
        (
            "OBS and other encoders push live streams over RTMP to servers such as "
            "nginx-rtmp on 1935."
        ),
        ("nginx-rtmp", "iana-ports"),
    ),
    UnofficialUse(
        2003,
        _TCP_UDP,
        "Graphite Carbon",
        (
            "Graphite's carbon daemon receives plaintext metrics on 2003 and pickled "
            "batches on 2004."
        ),
        ("graphite-docs",),
        high=2004,
    ),
    UnofficialUse(
        2082,
        _TCP,
        "cPanel",
        "cPanel serves its hosting control panel on 2082 (HTTP) and 2083 (HTTPS).",
        ("cpanel-docs",),
        high=2083,
    ),
    UnofficialUse(
        2086,
        _TCP,
        "WHM (WebHost Manager)",
        ("cPanel's server administration panel WHM uses 2086 (HTTP) and 2087 (HTTPS)."),
        ("cpanel-docs",),
        high=2087,
    ),
    UnofficialUse(
        2181,
        _TCP,
        "Apache ZooKeeper client port",
        (
            "ZooKeeper, used by older Kafka, Hadoop and Solr clusters, serves clients "
            "on 2181 without authentication by default."
        ),
        ("zookeeper-admin",),
        risk=_EXPOSURE,
    ),
    UnofficialUse(
        2222,
        _TCP,
        "DirectAdmin control panel",
        (
            "The DirectAdmin web hosting control panel serves its login page on this "
            "port by default."
        ),
        ("directadmin-docs",),
    ),
    UnofficialUse(
        2222,
        _TCP,
        "SSH on an alternate port",
        (
            "Administrators often move SSH here to cut log noise, and containers or "
            "Git servers commonly map their SSH port to it. It is still plain SSH and "
            "gets scanned too."
        ),
        ("openssh-sshd-config",),
    ),
    UnofficialUse(
        2323,
        _TCP,
        "Telnet on an alternate port",
        (
            "Some IoT devices run a second Telnet service here, and Mirai-family "
            "botnets scan it alongside port 23. It should never be open to the "
            "internet."
        ),
        ("cisa-mirai",),
        risk=_EXPOSURE,
    ),
    UnofficialUse(
        2375,
        _TCP,
        "Docker daemon API (unencrypted)",
        (
            "dockerd listens here only when told to expose its API over plain TCP. "
            "Anyone who can reach it controls the host as root, and cryptominers scan "
            "for it constantly."
        ),
        ("docker-protect",),
        risk=_EXPOSURE,
    ),
    UnofficialUse(
        2376,
        _TCP,
        "Docker daemon API (TLS)",
        (
            "The conventional port for dockerd's API protected with TLS client "
            "certificates. Safe only if client-certificate verification is on."
        ),
        ("docker-protect",),
    ),
    UnofficialUse(
        2377,
        _TCP,
        "Docker Swarm cluster management",
        "Docker Swarm managers accept cluster management traffic on 2377.",
        ("docker-swarm",),
    ),
    UnofficialUse(
        2379,
        _TCP,
        "etcd client API",
        (
            "etcd serves clients, including the Kubernetes API server, on 2379. It "
            "holds every Kubernetes secret, so it must only accept authenticated "
            "cluster traffic."
        ),
        ("etcd-docs", "k8s-ports"),
        risk=_EXPOSURE,
    ),
    UnofficialUse(
        2380,
        _TCP,
        "etcd peer traffic",
        "etcd members replicate with each other on 2380.",
        ("etcd-docs", "k8s-ports"),
    ),
    UnofficialUse(
        2745,
        _TCP,
        "Bagle worm backdoor",
        (
            "Bagle (Beagle) worm variants opened a backdoor on 2745 in 2004, and scans "
            "for it lingered for years."
        ),
        ("isc-2745",),
        risk=_MALWARE,
    ),
    UnofficialUse(
        2869,
        _TCP,
        "Windows UPnP event notification (SSDP)",
        (
            "Windows uses this port for UPnP device hosting and event notifications on "
            "the local network. It normally appears only on private networks."
        ),
        ("ms-service-ports", "iana-ports"),
    ),
    UnofficialUse(
        2888,
        _TCP,
        "ZooKeeper quorum (follower) port",
        "ZooKeeper followers connect to the leader on 2888.",
        ("zookeeper-admin",),
    ),
    UnofficialUse(
        3000,
        _TCP,
        "Create React App dev server",
        (
            "npm start in a Create React App project serves the app on 3000, offering "
            "the next free port if it is taken."
        ),
        ("cra-config",),
    ),
    UnofficialUse(
        3000,
        _TCP,
        "Gitea",
        ("The self-hosted Git service Gitea serves its web interface on 3000 by default."),
        ("gitea-docs",),
    ),
    UnofficialUse(
        3000,
        _TCP,
        "Grafana",
        (
            "Grafana's web UI and API listen on 3000 by default. Change the default "
            "admin password before exposing it."
        ),
        ("grafana-config",),
    ),
    UnofficialUse(
        3000,
        _TCP,
        "Metabase",
        "The Metabase analytics server serves its web interface on 3000 by default.",
        ("metabase-docs",),
    ),
    UnofficialUse(
        3000,
        _TCP,
        "Next.js dev server",
        ("next dev and next start serve on port 3000 unless -p or PORT says otherwise."),
        ("nextjs-cli",),
    ),
    UnofficialUse(
        3000,
        _TCP,
        "Node.js / Express dev server",
        (
            "The Express hello-world app and countless Node.js tutorials listen on "
            "3000, which made it the default guess for a local Node app."
        ),
        ("express-hello",),
    ),
    UnofficialUse(
        3000,
        _TCP,
        "Nuxt dev server",
        "nuxi dev serves the Nuxt application on http://localhost:3000 by default.",
        ("nuxt-dev",),
    ),
    UnofficialUse(
        3000,
        _TCP,
        "Ruby on Rails dev server",
        "bin/rails server starts Puma on http://localhost:3000 by default.",
        ("rails-cli",),
    ),
    UnofficialUse(
        3001,
        _TCP,
        "Uptime Kuma",
        (
            "The self-hosted monitoring tool Uptime Kuma serves its dashboard on 3001 "
            "by default; 3001 is also a common second dev-server port when 3000 is "
            "busy."
        ),
        ("uptime-kuma",),
    ),
    UnofficialUse(
        3074,
        _TCP_UDP,
        "Xbox network (Xbox Live)",
        ("Xbox consoles and Xbox PC games use 3074 for online multiplayer and party traffic."),
        ("xbox-ports",),
    ),
    UnofficialUse(
        3100,
        _TCP,
        "Grafana Loki",
        "Loki accepts log pushes and queries over HTTP on 3100.",
        ("loki-docs",),
    ),
    UnofficialUse(
        3127,
        _TCP,
        "MyDoom worm backdoor",
        (
            "The MyDoom worm opened a backdoor on the first free port from 3127 to "
            "3198, later reused by other malware."
        ),
        ("isc-3127",),
        risk=_MALWARE,
        high=3198,
    ),
    UnofficialUse(
        3128,
        _TCP,
        "Squid proxy",
        (
            "Squid and several other HTTP proxies listen on 3128 by default. An open "
            "proxy is soon abused for spam and fraud."
        ),
        ("squid-http-port",),
    ),
    UnofficialUse(
        3200,
        _TCP,
        "Grafana Tempo",
        "Tempo serves its HTTP API for trace queries on 3200.",
        ("tempo-docs",),
    ),
    UnofficialUse(
        3283,
        _TCP_UDP,
        "Apple Remote Desktop",
        (
            "Apple Remote Desktop uses this port for reporting and management of Macs. "
            "It should only be reachable from the admin network."
        ),
        ("apple-ports",),
    ),
    UnofficialUse(
        3306,
        _TCP,
        "MySQL / MariaDB",
        (
            "MySQL and MariaDB accept client connections on 3306. Internet-exposed "
            "database servers are scanned constantly and often hit by password "
            "guessing and data theft."
        ),
        ("mysql-ports",),
        risk=_EXPOSURE,
    ),
    UnofficialUse(
        3389,
        _TCP,
        "Remote Desktop (RDP)",
        (
            "Windows Remote Desktop listens here. Internet-exposed RDP is a leading "
            "entry point for ransomware crews through password guessing and bugs such "
            "as BlueKeep; put it behind a VPN or gateway."
        ),
        ("ms-rdp-port", "nvd-cve-2019-0708"),
        risk=_EXPOSURE,
    ),
    UnofficialUse(
        3478,
        _UDP,
        "Microsoft Teams media",
        (
            "Teams and Skype for Business send audio, video and screen sharing over "
            "UDP 3478-3481 to Microsoft's media relays."
        ),
        ("ms-365-endpoints",),
        high=3481,
    ),
    UnofficialUse(
        3478,
        _TCP_UDP,
        "STUN / TURN (WebRTC, VoIP, games)",
        (
            "STUN and TURN servers help video calls, VoIP phones and consoles discover "
            "their public address and relay media through NAT. Outgoing traffic to it "
            "is normal during calls and games."
        ),
        ("rfc8489", "rfc8656", "iana-ports"),
    ),
    UnofficialUse(
        3478,
        _UDP,
        "UniFi STUN",
        (
            "UniFi access points and switches use STUN on this port to reach their "
            "UniFi Network controller."
        ),
        ("unifi-ports",),
    ),
    UnofficialUse(
        3689,
        _TCP,
        "DAAP (iTunes / Music library sharing)",
        (
            "Apple's Music app and iTunes share libraries on the local network over "
            "the Digital Audio Access Protocol on this port."
        ),
        ("apple-ports", "iana-ports"),
    ),
    UnofficialUse(
        3702,
        _UDP,
        "WS-Discovery",
        (
            "Windows and network printers, scanners and cameras use Web Services "
            "Discovery multicast here to find each other on the LAN."
        ),
        ("iana-ports",),
    ),
    UnofficialUse(
        3888,
        _TCP,
        "ZooKeeper leader election",
        "ZooKeeper servers use 3888 to elect a leader.",
        ("zookeeper-admin",),
    ),
    UnofficialUse(
        4000,
        _TCP,
        "Jekyll dev server",
        (
            "jekyll serve builds the site and previews it at http://localhost:4000, "
            "the port GitHub Pages users meet locally."
        ),
        ("jekyll-options",),
    ),
    UnofficialUse(
        4000,
        _TCP,
        "Phoenix (Elixir) dev server",
        ("mix phx.server runs a Phoenix application on http://localhost:4000 by default."),
        ("phoenix-up",),
    ),
    UnofficialUse(
        4000,
        _TCP,
        "TiDB SQL port",
        "TiDB accepts MySQL-protocol client connections on 4000 by default.",
        ("tidb-docs",),
        risk=_EXPOSURE,
    ),
    UnofficialUse(
        4001, _TCP_UDP, "IPFS swarm", "IPFS (Kubo) nodes connect to peers on 4001.", ("ipfs-docs",)
    ),
    UnofficialUse(
        4040,
        _TCP,
        "Apache Spark application UI",
        (
            "Every running Spark driver serves its job-monitoring web UI on 4040, "
            "moving to 4041 and up when several run at once."
        ),
        ("spark-security",),
    ),
    UnofficialUse(
        4040,
        _TCP,
        "ngrok agent inspector",
        (
            "The ngrok agent serves a local web page on 4040 for inspecting and "
            "replaying the requests passing through your tunnel."
        ),
        ("ngrok-docs",),
    ),
    UnofficialUse(
        4070,
        _TCP,
        "Spotify Connect",
        (
            "Spotify clients and speakers are commonly seen listening here for Spotify "
            "Connect control on the local network."
        ),
        ("isc-4070",),
    ),
    UnofficialUse(
        4173,
        _TCP,
        "Vite preview server",
        "vite preview serves the production build locally on 4173.",
        ("vite-preview",),
    ),
    UnofficialUse(
        4200,
        _TCP,
        "Angular dev server",
        ("ng serve builds the Angular app and serves it on http://localhost:4200 by default."),
        ("angular-serve",),
    ),
    UnofficialUse(
        4222,
        _TCP,
        "NATS client port",
        "NATS servers accept client connections on 4222.",
        ("nats-docs",),
    ),
    UnofficialUse(
        4317,
        _TCP,
        "OpenTelemetry OTLP/gRPC",
        (
            "OpenTelemetry collectors and backends receive traces, metrics and logs "
            "over OTLP/gRPC on 4317."
        ),
        ("otlp-spec",),
    ),
    UnofficialUse(
        4318,
        _TCP,
        "OpenTelemetry OTLP/HTTP",
        "OpenTelemetry collectors and backends receive OTLP over HTTP on 4318.",
        ("otlp-spec",),
    ),
    UnofficialUse(
        4369,
        _TCP,
        "Erlang port mapper (epmd)",
        (
            "epmd tells Erlang nodes such as RabbitMQ and CouchDB where their peers "
            "listen. It should be reachable only between cluster nodes."
        ),
        ("rabbitmq-networking",),
    ),
    UnofficialUse(
        4444,
        _TCP,
        "Blaster worm shell and reverse shells",
        (
            "The 2003 Blaster worm opened a remote shell here, and the port is a "
            "popular default for reverse-shell listeners in attack tools; Selenium "
            "also uses it legitimately."
        ),
        ("isc-4444",),
        risk=_MALWARE,
    ),
    UnofficialUse(
        4444,
        _TCP,
        "Selenium Grid",
        ("Selenium Grid and standalone Selenium servers accept WebDriver sessions on 4444."),
        ("selenium-grid",),
    ),
    UnofficialUse(
        4500,
        _UDP,
        "IPsec NAT traversal",
        (
            "IPsec VPNs switch to this port to carry encrypted traffic through NAT "
            "routers. It appears next to port 500 on VPN gateways."
        ),
        ("rfc3948", "iana-ports"),
    ),
    UnofficialUse(
        4567,
        _TCP,
        "Sinatra (Ruby) dev server",
        "A Sinatra application started directly listens on 4567 by default.",
        ("sinatra-intro",),
    ),
    UnofficialUse(
        4646,
        _TCP_UDP,
        "HashiCorp Nomad",
        ("Nomad uses 4646 for its HTTP API and UI, 4647 for RPC and 4648 for server gossip."),
        ("nomad-docs",),
        high=4648,
    ),
    UnofficialUse(
        4786,
        _TCP,
        "Cisco Smart Install",
        (
            "Cisco switches with Smart Install enabled listen on 4786 without "
            "authentication. State-sponsored actors abused it to copy and alter switch "
            "configurations."
        ),
        ("cisa-network-infra",),
        risk=_EXPOSURE,
    ),
    UnofficialUse(
        4789,
        _UDP,
        "VXLAN overlay networks",
        (
            "VXLAN-encapsulated traffic, used by Docker Swarm overlay networks, "
            "Flannel and other Kubernetes CNIs, travels on 4789."
        ),
        ("rfc7348", "docker-swarm"),
    ),
    UnofficialUse(
        5000,
        _TCP,
        "AirPlay Receiver (macOS 12 and later)",
        (
            "On macOS Monterey and later the ControlCenter process holds this port for "
            "AirPlay, so Flask and other dev servers fail with 'address already in "
            "use'. Disable AirPlay Receiver or pick another port."
        ),
        ("apple-ports",),
    ),
    UnofficialUse(
        5000,
        _TCP,
        "Docker Registry",
        (
            "A self-hosted Docker/OCI registry container listens on 5000 by default. "
            "Without authentication anyone reaching it can pull or push images."
        ),
        ("docker-registry-image",),
        risk=_EXPOSURE,
    ),
    UnofficialUse(
        5000,
        _TCP,
        "Flask dev server",
        (
            "flask run serves the application on http://127.0.0.1:5000 by default. The "
            "development server is not meant for production or the open internet."
        ),
        ("flask-quickstart",),
    ),
    UnofficialUse(
        5000,
        _TCP,
        "MLflow tracking UI",
        ("mlflow ui and mlflow server serve the experiment tracking interface on 5000 by default."),
        ("mlflow-docs",),
    ),
    UnofficialUse(
        5000,
        _TCP,
        "Synology DSM (HTTP)",
        ("Synology NAS boxes serve the DiskStation Manager web interface over HTTP on 5000."),
        ("synology-ports",),
    ),
    UnofficialUse(
        5001,
        _TCP,
        "IPFS (Kubo) RPC API",
        (
            "The Kubo IPFS daemon exposes its control API on 5001. It has no "
            "authentication, so it must stay on localhost."
        ),
        ("ipfs-docs",),
        risk=_EXPOSURE,
    ),
    UnofficialUse(
        5001,
        _TCP,
        "Synology DSM (HTTPS)",
        ("Synology NAS boxes serve the DiskStation Manager web interface over HTTPS on 5001."),
        ("synology-ports",),
    ),
    UnofficialUse(
        5005,
        _TCP,
        "Java remote debugging (JDWP)",
        (
            "Java developers conventionally attach IDE debuggers to a JVM started with "
            "the JDWP agent on 5005. A debug port reachable by others allows arbitrary "
            "code execution."
        ),
        ("jetbrains-remote-debug",),
        risk=_EXPOSURE,
    ),
    UnofficialUse(
        5037,
        _TCP,
        "adb server",
        (
            "The Android Debug Bridge server runs on the developer's machine and "
            "listens on localhost:5037 for adb commands."
        ),
        ("android-adb",),
    ),
    UnofficialUse(
        5044,
        _TCP,
        "Logstash Beats input",
        "Filebeat, Metricbeat and other Beats ship events to Logstash on 5044.",
        ("logstash-beats",),
    ),
    UnofficialUse(
        5173,
        _TCP,
        "Vite dev server",
        (
            "Vite's development server (used by Vue, React, Svelte and other "
            "templates) listens on 5173 by default, trying the next port if it is "
            "taken."
        ),
        ("vite-server",),
    ),
    UnofficialUse(
        5228,
        _TCP,
        "Google Play services / Firebase Cloud Messaging",
        (
            "Android phones and Chrome keep a long-lived connection to Google on 5228 "
            "(and 5229-5230 as fallback) to receive push notifications."
        ),
        ("firebase-fcm-ports",),
        high=5230,
    ),
    UnofficialUse(
        5353,
        _UDP,
        "mDNS / Bonjour / Avahi",
        (
            "Multicast DNS lets devices announce and find names like printer.local on "
            "the LAN; macOS, iOS, Linux (Avahi), Chromecast and Windows all use it. "
            "Plenty of traffic here is normal on a LAN."
        ),
        ("rfc6762", "apple-ports"),
    ),
    UnofficialUse(
        5355,
        _UDP,
        "LLMNR (Windows name resolution)",
        (
            "Windows falls back to Link-Local Multicast Name Resolution when DNS "
            "fails. Attackers on the same LAN can answer these queries to capture "
            "credentials, so many networks disable it."
        ),
        ("rfc4795", "mitre-llmnr-poisoning"),
    ),
    UnofficialUse(
        5357,
        _TCP,
        "WSDAPI (Windows network discovery)",
        (
            "Windows hosts the Web Services on Devices API here for network discovery "
            "of PCs and printers. Expect it on private-profile networks only."
        ),
        ("iana-ports",),
    ),
    UnofficialUse(
        5432,
        _TCP,
        "PostgreSQL",
        (
            "PostgreSQL accepts client connections on 5432. Keep it on localhost or a "
            "private network and require passwords or certificates in pg_hba.conf."
        ),
        ("postgres-connection",),
        risk=_EXPOSURE,
    ),
    UnofficialUse(
        5500,
        _TCP,
        "VS Code Live Server",
        (
            "The Live Server extension for Visual Studio Code serves the open folder "
            "with auto-reload on 5500."
        ),
        ("vscode-live-server",),
    ),
    UnofficialUse(
        5554,
        _TCP,
        "Android emulator console",
        (
            "Each Android emulator opens its control console on an even port starting "
            "at 5554, with adb on the next odd port."
        ),
        ("android-emulator-console",),
    ),
    UnofficialUse(
        5554,
        _TCP,
        "Sasser worm FTP server",
        (
            "The 2004 Sasser worm ran an FTP server on 5554 to spread its payload; "
            "today the Android emulator console is a likelier explanation."
        ),
        ("isc-5554",),
        risk=_MALWARE,
    ),
    UnofficialUse(
        5555,
        _TCP,
        "adb over TCP/IP",
        (
            "Android devices and emulators accept adb connections here when network "
            "debugging is on. An adb port open to the internet gives full shell "
            "access, and botnets scan for it."
        ),
        ("android-adb",),
        risk=_EXPOSURE,
    ),
    UnofficialUse(
        5601,
        _TCP,
        "Kibana",
        (
            "Kibana's web UI listens on 5601. Old deployments without security exposed "
            "the whole Elasticsearch cluster behind it."
        ),
        ("kibana-settings",),
        risk=_EXPOSURE,
    ),
    UnofficialUse(
        5666,
        _TCP,
        "Nagios NRPE",
        "The NRPE agent runs Nagios check commands on request on 5666.",
        ("nrpe",),
    ),
    UnofficialUse(
        5672,
        _TCP,
        "AMQP (RabbitMQ)",
        ("RabbitMQ and other AMQP brokers accept client connections on 5672 (5671 with TLS)."),
        ("rabbitmq-networking", "iana-ports"),
    ),
    UnofficialUse(
        5678,
        _TCP,
        "n8n workflow automation",
        "The n8n editor and webhook endpoint listen on 5678 by default.",
        ("n8n-docs",),
    ),
    UnofficialUse(
        5900,
        _TCP,
        "VNC / macOS Screen Sharing",
        (
            "VNC servers and macOS Screen Sharing listen here (display :0). Many VNC "
            "setups have weak or no passwords, so exposing it to the internet invites "
            "takeover."
        ),
        ("rfc6143", "apple-ports"),
        risk=_EXPOSURE,
    ),
    UnofficialUse(
        5984,
        _TCP,
        "Apache CouchDB",
        (
            "CouchDB serves its HTTP API and Fauxton admin UI on 5984. Older versions "
            "could run without an admin account, leaving data open to anyone."
        ),
        ("couchdb-docs",),
        risk=_EXPOSURE,
    ),
    UnofficialUse(
        5985,
        _TCP,
        "WinRM over HTTP (PowerShell Remoting)",
        (
            "Windows Remote Management and PowerShell Remoting listen here. It grants "
            "remote command execution to valid credentials, so keep it off the "
            "internet."
        ),
        ("ms-winrm",),
        risk=_EXPOSURE,
    ),
    UnofficialUse(
        5986,
        _TCP,
        "WinRM over HTTPS",
        (
            "The TLS listener for Windows Remote Management and PowerShell Remoting. "
            "Like 5985 it allows remote command execution and belongs on management "
            "networks only."
        ),
        ("ms-winrm",),
        risk=_EXPOSURE,
    ),
    UnofficialUse(
        6000,
        _TCP,
        "X11 display server",
        (
            "An X server listening on TCP uses 6000 plus the display number. Remote "
            "access to it lets others read keystrokes and screens, which is why modern "
            "systems disable TCP listening by default."
        ),
        ("xserver-man", "iana-ports"),
        risk=_EXPOSURE,
        high=6063,
    ),
    UnofficialUse(
        6006,
        _TCP,
        "Storybook",
        "storybook dev serves the component workshop on 6006 by default.",
        ("storybook-cli",),
    ),
    UnofficialUse(
        6006,
        _TCP,
        "TensorBoard",
        "TensorBoard serves its training dashboards on 6006 by default.",
        ("tensorboard-start",),
    ),
    UnofficialUse(
        6222,
        _TCP,
        "NATS cluster routing",
        "NATS servers form a cluster with each other on 6222.",
        ("nats-docs",),
    ),
    UnofficialUse(
        6333,
        _TCP,
        "Qdrant vector database",
        (
            "Qdrant serves its REST API on 6333 and gRPC on 6334. It has no API key "
            "unless one is configured."
        ),
        ("qdrant-docs",),
        risk=_EXPOSURE,
        high=6334,
    ),
    UnofficialUse(
        6379,
        _TCP,
        "Redis",
        (
            "Redis listens on 6379 and historically had no password by default. An "
            "internet-reachable Redis can be wiped, held for ransom or used to write "
            "files and take over the host."
        ),
        ("redis-config", "redis-security"),
        risk=_EXPOSURE,
    ),
    UnofficialUse(
        6432,
        _TCP,
        "PgBouncer",
        "The PgBouncer connection pooler for PostgreSQL listens on 6432 by default.",
        ("pgbouncer-config",),
    ),
    UnofficialUse(
        6443,
        _TCP,
        "Kubernetes API server",
        (
            "kube-apiserver serves the Kubernetes API on 6443. It authenticates "
            "requests, but exposing control planes to the internet adds risk."
        ),
        ("k8s-ports",),
    ),
    UnofficialUse(
        6650,
        _TCP,
        "Apache Pulsar",
        ("Pulsar brokers speak the binary protocol to clients on 6650 (and HTTP admin on 8080)."),
        ("pulsar-docs",),
    ),
    UnofficialUse(
        6660,
        _TCP,
        "IRC",
        (
            "IRC servers traditionally accept unencrypted clients on 6660-6669, with "
            "6667 the best known."
        ),
        ("iana-ports",),
        high=6669,
    ),
    UnofficialUse(
        6667,
        _TCP,
        "IRC-controlled botnets",
        (
            "Many bots and worms receive commands over IRC on 6667, so an unexpected "
            "client connection to it from a server deserves a look."
        ),
        ("isc-6667",),
        risk=_MALWARE,
    ),
    UnofficialUse(
        6697,
        _TCP,
        "IRC over TLS",
        "IRC networks accept TLS-encrypted client connections on 6697.",
        ("rfc7194",),
    ),
    UnofficialUse(
        6800,
        _TCP,
        "aria2 RPC",
        ("The aria2 download utility serves its JSON-RPC interface on 6800 when enabled."),
        ("aria2-manual",),
    ),
    UnofficialUse(
        6831,
        _UDP,
        "Jaeger agent (Thrift compact)",
        "Legacy Jaeger clients send spans to the agent over UDP 6831.",
        ("jaeger-docs",),
    ),
    UnofficialUse(
        6881,
        _TCP_UDP,
        "BitTorrent",
        (
            "BitTorrent clients traditionally listen for peers on 6881-6889. Traffic "
            "here usually means torrenting on the network."
        ),
        ("bittorrent-bep3",),
        high=6889,
    ),
    UnofficialUse(
        7000,
        _TCP,
        "AirPlay Receiver (macOS 12 and later)",
        (
            "Since macOS Monterey the ControlCenter process listens here for AirPlay "
            "to Mac, which often collides with development servers. Turn off AirPlay "
            "Receiver in System Settings to free the port."
        ),
        ("apple-ports",),
    ),
    UnofficialUse(
        7000,
        _TCP,
        "Cassandra inter-node",
        ("Apache Cassandra nodes gossip and replicate with each other on 7000 (7001 with TLS)."),
        ("cassandra-docs",),
        high=7001,
    ),
    UnofficialUse(
        7001,
        _TCP,
        "Oracle WebLogic Server",
        (
            "WebLogic's admin server listens on 7001 by default. Its console has had "
            "several remotely exploited flaws, such as CVE-2020-14882."
        ),
        ("nvd-cve-2020-14882",),
        risk=_EXPOSURE,
    ),
    UnofficialUse(
        7077,
        _TCP,
        "Apache Spark standalone master",
        (
            "A Spark standalone master accepts workers and applications on 7077 and "
            "serves its UI on 8080."
        ),
        ("spark-security",),
        risk=_EXPOSURE,
    ),
    UnofficialUse(
        7199,
        _TCP,
        "Cassandra JMX",
        (
            "Cassandra exposes JMX monitoring and nodetool operations on 7199, "
            "normally restricted to localhost."
        ),
        ("cassandra-docs",),
    ),
    UnofficialUse(
        7359,
        _UDP,
        "Jellyfin client discovery",
        "Jellyfin answers discovery broadcasts from clients on the LAN on UDP 7359.",
        ("jellyfin-networking",),
    ),
    UnofficialUse(
        7473,
        _TCP,
        "Neo4j Browser (HTTPS)",
        "Neo4j serves its HTTPS API and Browser on 7473 when TLS is enabled.",
        ("neo4j-ports",),
    ),
    UnofficialUse(
        7474,
        _TCP,
        "Neo4j Browser (HTTP)",
        "Neo4j serves its HTTP API and the Neo4j Browser on 7474.",
        ("neo4j-ports",),
    ),
    UnofficialUse(
        7680,
        _TCP,
        "Windows Delivery Optimization",
        (
            "Windows Update and the Microsoft Store use this port to share update "
            "downloads between PCs on the local network or the internet."
        ),
        ("ms-delivery-optimization",),
    ),
    UnofficialUse(
        7687,
        _TCP,
        "Neo4j Bolt",
        ("Neo4j drivers and the Browser talk to the database over the Bolt protocol on 7687."),
        ("neo4j-ports",),
    ),
    UnofficialUse(
        7700,
        _TCP,
        "Meilisearch",
        (
            "The Meilisearch search engine listens on 7700. Without a master key all "
            "data and settings are open."
        ),
        ("meilisearch-docs",),
        risk=_EXPOSURE,
    ),
    UnofficialUse(
        7777,
        _TCP,
        "Terraria server",
        (
            "Terraria dedicated servers listen on 7777 by default; several other game "
            "servers pick the same number."
        ),
        ("terraria-server",),
    ),
    UnofficialUse(
        7860,
        _TCP,
        "Gradio apps",
        "Gradio machine-learning demos launch their web UI on 7860 by default.",
        ("gradio-quickstart",),
    ),
    UnofficialUse(
        7878,
        _TCP,
        "Radarr",
        "The Radarr movie manager serves its web UI on 7878.",
        ("servarr-wiki",),
    ),
    UnofficialUse(
        7946,
        _TCP_UDP,
        "Docker Swarm node discovery",
        "Docker Swarm nodes gossip membership information on 7946.",
        ("docker-swarm",),
    ),
    UnofficialUse(
        8000,
        _TCP,
        "Chroma vector database",
        ("The Chroma server listens on 8000 by default when run in client/server mode."),
        ("chroma-docs",),
    ),
    UnofficialUse(
        8000,
        _TCP,
        "Django dev server",
        (
            "manage.py runserver serves the project on 127.0.0.1:8000 by default. It "
            "is a development server, not for production."
        ),
        ("django-admin",),
    ),
    UnofficialUse(
        8000,
        _TCP,
        "Gatsby dev server",
        "gatsby develop serves the site at http://localhost:8000.",
        ("gatsby-cli",),
    ),
    UnofficialUse(
        8000,
        _TCP,
        "Laravel (php artisan serve)",
        "php artisan serve runs a Laravel application on http://127.0.0.1:8000.",
        ("laravel-docs",),
    ),
    UnofficialUse(
        8000,
        _TCP,
        "Python http.server",
        (
            "python -m http.server shares the current directory on port 8000, on all "
            "interfaces unless --bind is given, so the whole folder is visible to the "
            "network."
        ),
        ("python-http-server",),
    ),
    UnofficialUse(
        8000,
        _TCP,
        "Uvicorn / FastAPI",
        (
            "Uvicorn, the usual server for FastAPI and other ASGI apps, binds to "
            "127.0.0.1:8000 by default."
        ),
        ("uvicorn-settings",),
    ),
    UnofficialUse(
        8005,
        _TCP,
        "Apache Tomcat shutdown port",
        "Tomcat listens on localhost:8005 for the shutdown command.",
        ("tomcat-server",),
    ),
    UnofficialUse(
        8006,
        _TCP,
        "Proxmox VE web interface",
        "Proxmox VE serves its management UI and API over HTTPS on 8006.",
        ("proxmox-firewall",),
    ),
    UnofficialUse(
        8009,
        _TCP,
        "Apache Tomcat AJP",
        (
            "Tomcat's AJP connector for front-end web servers used 8009. Ghostcat "
            "(CVE-2020-1938) let attackers read files through it, so it must not be "
            "exposed."
        ),
        ("tomcat-ajp", "nvd-cve-2020-1938"),
        risk=_EXPOSURE,
    ),
    UnofficialUse(
        8065,
        _TCP,
        "Mattermost",
        "The Mattermost chat server listens on 8065 by default.",
        ("mattermost-docs",),
    ),
    UnofficialUse(
        8080,
        _TCP,
        "Apache Tomcat",
        "Tomcat's HTTP connector listens on 8080 by default.",
        ("tomcat-http",),
    ),
    UnofficialUse(
        8080,
        _TCP,
        "CockroachDB DB Console",
        "CockroachDB nodes serve the DB Console web UI and HTTP API on 8080.",
        ("cockroach-start",),
    ),
    UnofficialUse(
        8080,
        _TCP,
        "IPFS HTTP gateway",
        "A local IPFS (Kubo) node serves content through its HTTP gateway on 8080.",
        ("ipfs-docs",),
    ),
    UnofficialUse(
        8080,
        _TCP,
        "Jenkins",
        (
            "Jenkins serves its web UI on 8080 by default. An open Jenkins with a "
            "script console is remote code execution."
        ),
        ("jenkins-docker",),
        risk=_EXPOSURE,
    ),
    UnofficialUse(
        8080,
        _TCP,
        "Spring Boot",
        (
            "Spring Boot applications with an embedded web server listen on 8080 "
            "unless server.port is set."
        ),
        ("spring-boot-docs",),
    ),
    UnofficialUse(
        8080,
        _TCP,
        "Traefik dashboard",
        (
            "Traefik serves its API and dashboard on 8080 when api.insecure is "
            "enabled, which should never be exposed publicly."
        ),
        ("traefik-docs",),
        risk=_EXPOSURE,
    ),
    UnofficialUse(
        8080,
        _TCP,
        "UniFi device inform",
        "UniFi devices report to their UniFi Network controller on 8080.",
        ("unifi-ports",),
    ),
    UnofficialUse(
        8080,
        _TCP,
        "Vue CLI dev server",
        "vue-cli-service serve, used by older Vue projects, serves on 8080.",
        ("vue-cli-service",),
    ),
    UnofficialUse(
        8080,
        _TCP,
        "webpack-dev-server",
        "webpack-dev-server has long defaulted to port 8080 for local development.",
        ("webpack-dev-server",),
    ),
    UnofficialUse(
        8081,
        _TCP,
        "Confluent Schema Registry",
        "Schema Registry serves its REST API for Kafka message schemas on 8081.",
        ("confluent-schema-registry",),
    ),
    UnofficialUse(
        8081,
        _TCP,
        "React Native Metro bundler",
        (
            "Metro, the JavaScript bundler behind React Native, serves bundles to "
            "devices and emulators on 8081."
        ),
        ("metro-config",),
    ),
    UnofficialUse(
        8083,
        _TCP,
        "Kafka Connect REST API",
        ("Kafka Connect workers expose their REST API for managing connectors on 8083."),
        ("kafka-docs",),
        risk=_EXPOSURE,
    ),
    UnofficialUse(
        8086,
        _TCP,
        "InfluxDB",
        "InfluxDB serves its HTTP write and query API (and the 2.x UI) on 8086.",
        ("influxdb-docs",),
        risk=_EXPOSURE,
    ),
    UnofficialUse(
        8088,
        _TCP,
        "Hadoop YARN ResourceManager",
        (
            "The YARN ResourceManager serves its web UI and REST API on 8088. Left "
            "open without authentication it lets anyone submit jobs, a favourite of "
            "cryptomining gangs."
        ),
        ("hadoop-yarn-default",),
        risk=_EXPOSURE,
    ),
    UnofficialUse(
        8091,
        _TCP,
        "Couchbase Server",
        (
            "Couchbase Server uses 8091-8096 for its web console, REST, views, query, "
            "search and analytics services."
        ),
        ("couchbase-ports",),
        high=8096,
    ),
    UnofficialUse(
        8096,
        _TCP,
        "Jellyfin / Emby",
        ("Jellyfin (and Emby) serve their web interface and streams over HTTP on 8096."),
        ("jellyfin-networking",),
    ),
    UnofficialUse(
        8118,
        _TCP,
        "Privoxy",
        ("The Privoxy filtering proxy listens on localhost:8118, often in front of Tor."),
        ("privoxy-config",),
    ),
    UnofficialUse(
        8123,
        _TCP,
        "ClickHouse HTTP interface",
        "ClickHouse accepts queries over HTTP on 8123.",
        ("clickhouse-ports",),
        risk=_EXPOSURE,
    ),
    UnofficialUse(
        8123,
        _TCP,
        "Home Assistant",
        "Home Assistant serves its web interface and API on 8123.",
        ("homeassistant-http",),
    ),
    UnofficialUse(
        8125,
        _UDP,
        "StatsD",
        "StatsD daemons and the Datadog Agent receive metrics over UDP 8125.",
        ("statsd", "datadog-network"),
    ),
    UnofficialUse(
        8126,
        _TCP,
        "Datadog APM",
        "The Datadog Agent receives application traces on 8126.",
        ("datadog-network",),
    ),
    UnofficialUse(
        8161,
        _TCP,
        "ActiveMQ web console",
        (
            "Apache ActiveMQ Classic serves its admin console on 8161, historically "
            "with admin/admin credentials. Do not expose it."
        ),
        ("activemq",),
        risk=_EXPOSURE,
    ),
    UnofficialUse(
        8200,
        _TCP,
        "HashiCorp Vault",
        "Vault serves its API and UI on 8200 (8201 for cluster traffic).",
        ("vault-docs",),
    ),
    UnofficialUse(
        8222,
        _TCP,
        "NATS monitoring",
        "NATS servers serve HTTP monitoring endpoints on 8222 when enabled.",
        ("nats-docs",),
    ),
    UnofficialUse(
        8265,
        _TCP,
        "Ray dashboard and Jobs API",
        (
            "Ray serves its dashboard and job-submission API on 8265 without "
            "authentication. Exposed clusters have been hijacked through it."
        ),
        ("ray-docs", "nvd-cve-2023-48022"),
        risk=_EXPOSURE,
    ),
    UnofficialUse(
        8291,
        _TCP,
        "MikroTik Winbox",
        (
            "MikroTik routers accept Winbox management connections on 8291. Exposed "
            "Winbox has been exploited at scale, so restrict it to management "
            "addresses."
        ),
        ("mikrotik-docs",),
        risk=_EXPOSURE,
    ),
    UnofficialUse(
        8300,
        _TCP_UDP,
        "HashiCorp Consul RPC and gossip",
        ("Consul agents use 8300 for server RPC and 8301-8302 for LAN and WAN gossip."),
        ("consul-docs",),
        high=8302,
    ),
    UnofficialUse(
        8332,
        _TCP,
        "Bitcoin Core RPC",
        (
            "bitcoind serves its JSON-RPC interface on 8332; it controls the wallet "
            "and must stay private."
        ),
        ("bitcoin-p2p",),
        risk=_EXPOSURE,
    ),
    UnofficialUse(
        8333,
        _TCP,
        "Bitcoin P2P",
        "Bitcoin full nodes connect to each other on 8333.",
        ("bitcoin-p2p",),
    ),
    UnofficialUse(
        8384,
        _TCP,
        "Syncthing web GUI",
        "Syncthing serves its web GUI on 127.0.0.1:8384.",
        ("syncthing-firewall",),
    ),
    UnofficialUse(
        8388,
        _TCP_UDP,
        "Shadowsocks",
        (
            "Shadowsocks proxy servers are commonly configured on 8388, the port used "
            "in its example configurations."
        ),
        ("shadowsocks",),
    ),
    UnofficialUse(
        8443,
        _TCP,
        "Apache Tomcat HTTPS connector",
        (
            "Tomcat's sample configuration puts its TLS connector (and the "
            "redirectPort for secure pages) on 8443."
        ),
        ("tomcat-http",),
    ),
    UnofficialUse(
        8443,
        _TCP,
        "UniFi Network controller",
        ("The UniFi Network application serves its web UI and API over HTTPS on 8443."),
        ("unifi-ports",),
    ),
    UnofficialUse(
        8500,
        _TCP,
        "HashiCorp Consul HTTP API",
        (
            "Consul serves its HTTP API and UI on 8500. Without ACLs anyone reaching "
            "it can read and change service configuration."
        ),
        ("consul-docs",),
        risk=_EXPOSURE,
    ),
    UnofficialUse(
        8501,
        _TCP,
        "Streamlit apps",
        "streamlit run serves the app on 8501 by default.",
        ("streamlit-docs",),
    ),
    UnofficialUse(
        8529,
        _TCP,
        "ArangoDB",
        "The ArangoDB server and its web interface listen on 8529.",
        ("arangodb-docs",),
        risk=_EXPOSURE,
    ),
    UnofficialUse(
        8545,
        _TCP,
        "Ethereum JSON-RPC",
        (
            "Ethereum clients such as Geth serve JSON-RPC on 8545. Nodes exposing it "
            "with unlocked accounts have been drained by attackers."
        ),
        ("ethereum-json-rpc",),
        risk=_EXPOSURE,
    ),
    UnofficialUse(
        8554,
        _TCP,
        "RTSP (MediaMTX and cameras)",
        "MediaMTX and many camera bridges serve RTSP on 8554 when 554 needs root.",
        ("mediamtx",),
    ),
    UnofficialUse(
        8600,
        _TCP_UDP,
        "HashiCorp Consul DNS",
        "Consul answers DNS queries for service discovery on 8600.",
        ("consul-docs",),
    ),
    UnofficialUse(
        8686,
        _TCP,
        "Lidarr",
        "The Lidarr music manager serves its web UI on 8686.",
        ("servarr-wiki",),
    ),
    UnofficialUse(
        8728,
        _TCP,
        "MikroTik RouterOS API",
        "RouterOS exposes its management API on 8728 (8729 with TLS).",
        ("mikrotik-docs",),
        risk=_EXPOSURE,
        high=8729,
    ),
    UnofficialUse(
        8834,
        _TCP,
        "Tenable Nessus",
        "The Nessus vulnerability scanner serves its web UI on 8834.",
        ("nessus-docs",),
    ),
    UnofficialUse(
        8883,
        _TCP,
        "MQTT over TLS",
        "MQTT brokers accept TLS-encrypted connections on 8883.",
        ("mosquitto-conf", "iana-ports"),
    ),
    UnofficialUse(
        8888,
        _TCP,
        "Jupyter Notebook / JupyterLab",
        (
            "Jupyter serves notebooks on 8888 by default, protected by a token. "
            "Whoever reaches it with the token (or a disabled password) can run any "
            "code as your user."
        ),
        ("jupyter-docs",),
        risk=_EXPOSURE,
    ),
    UnofficialUse(
        8920,
        _TCP,
        "Jellyfin HTTPS",
        "Jellyfin serves HTTPS on 8920 when a certificate is configured.",
        ("jellyfin-networking",),
    ),
    UnofficialUse(
        8983,
        _TCP,
        "Apache Solr",
        (
            "Solr serves its admin UI and search API on 8983. Out of the box it has no "
            "authentication, so it must not face the internet."
        ),
        ("solr-guide",),
        risk=_EXPOSURE,
    ),
    UnofficialUse(
        8989,
        _TCP,
        "Sonarr",
        "The Sonarr TV series manager serves its web UI on 8989.",
        ("servarr-wiki",),
    ),
    UnofficialUse(
        9000,
        _TCP,
        "ClickHouse native protocol",
        (
            "ClickHouse clients and replicas use the native TCP protocol on 9000, "
            "which clashes with PHP-FPM and MinIO defaults."
        ),
        ("clickhouse-ports",),
    ),
    UnofficialUse(
        9000,
        _TCP,
        "MinIO S3 API",
        "MinIO object storage serves its S3-compatible API on 9000.",
        ("minio-docs",),
    ),
    UnofficialUse(
        9000,
        _TCP,
        "PHP-FPM",
        (
            "PHP-FPM pools often listen on 127.0.0.1:9000 for FastCGI requests from "
            "nginx or Apache. A FastCGI port reachable by others allows running "
            "arbitrary PHP."
        ),
        ("php-fpm-config",),
        risk=_EXPOSURE,
    ),
    UnofficialUse(
        9000,
        _TCP,
        "Portainer (legacy HTTP)",
        (
            "Portainer's container management UI historically listened on 9000 over "
            "HTTP; newer releases prefer 9443."
        ),
        ("portainer-docs",),
    ),
    UnofficialUse(
        9000,
        _TCP,
        "SonarQube",
        "The SonarQube code-quality server serves its web UI on 9000.",
        ("sonar-docs",),
    ),
    UnofficialUse(
        9001,
        _TCP,
        "MinIO console",
        "The MinIO web console is usually placed on 9001.",
        ("minio-docs",),
    ),
    UnofficialUse(
        9001,
        _TCP,
        "Supervisor web interface",
        (
            "supervisord's optional HTTP interface is conventionally set to 9001. It "
            "can start and stop processes, so protect it."
        ),
        ("supervisor-config",),
    ),
    UnofficialUse(
        9001,
        _TCP,
        "Tor relay (ORPort)",
        "Tor relays conventionally accept connections from other relays on 9001.",
        ("tor-manual",),
    ),
    UnofficialUse(
        9030,
        _TCP,
        "Tor directory port",
        "Some Tor relays serve directory information on 9030.",
        ("tor-manual",),
    ),
    UnofficialUse(
        9042,
        _TCP,
        "Cassandra CQL",
        "Cassandra and ScyllaDB drivers connect to the CQL native protocol on 9042.",
        ("cassandra-docs",),
        risk=_EXPOSURE,
    ),
    UnofficialUse(
        9050,
        _TCP,
        "Tor SOCKS proxy",
        (
            "The tor daemon offers a SOCKS proxy on localhost:9050 for applications to "
            "route traffic over Tor."
        ),
        ("tor-manual",),
    ),
    UnofficialUse(
        9051,
        _TCP,
        "Tor control port",
        (
            "Controllers such as Nyx or Tor Browser talk to the tor daemon on 9051 "
            "when the control port is enabled."
        ),
        ("tor-manual",),
    ),
    UnofficialUse(
        9090,
        _TCP,
        "Cockpit web console",
        ("Cockpit, the Linux server admin console in Fedora and RHEL, listens on 9090."),
        ("cockpit-guide",),
    ),
    UnofficialUse(
        9090,
        _TCP,
        "Prometheus",
        "The Prometheus server serves its UI and query API on 9090.",
        ("prometheus-docs", "prometheus-ports"),
    ),
    UnofficialUse(
        9091,
        _TCP,
        "Prometheus Pushgateway",
        "The Pushgateway accepts metrics pushed from batch jobs on 9091.",
        ("prometheus-ports",),
    ),
    UnofficialUse(
        9091,
        _TCP,
        "Transmission web interface",
        "The Transmission BitTorrent daemon serves its web UI and RPC on 9091.",
        ("transmission",),
    ),
    UnofficialUse(
        9092,
        _TCP,
        "Apache Kafka broker",
        "Kafka brokers accept producer and consumer connections on 9092 by default.",
        ("kafka-docs",),
    ),
    UnofficialUse(
        9093,
        _TCP,
        "Prometheus Alertmanager",
        "Alertmanager receives alerts from Prometheus and serves its UI on 9093.",
        ("prometheus-ports",),
    ),
    UnofficialUse(
        9100,
        _TCP,
        "Prometheus node exporter",
        (
            "node_exporter publishes host metrics on 9100 for Prometheus to scrape. "
            "They reveal a lot about the machine, so restrict access."
        ),
        ("node-exporter", "prometheus-ports"),
    ),
    UnofficialUse(
        9100,
        _TCP,
        "Raw printing (JetDirect)",
        (
            "Network printers accept raw print jobs on 9100 with no authentication, so "
            "a printer reachable from the internet prints whatever strangers send it."
        ),
        ("iana-ports",),
        risk=_EXPOSURE,
    ),
    UnofficialUse(
        9104,
        _TCP,
        "Prometheus MySQL exporter",
        "mysqld_exporter publishes MySQL metrics on 9104.",
        ("prometheus-ports",),
    ),
    UnofficialUse(
        9113,
        _TCP,
        "Prometheus NGINX exporter",
        "The NGINX Prometheus exporter publishes metrics on 9113.",
        ("prometheus-ports",),
    ),
    UnofficialUse(
        9115,
        _TCP,
        "Prometheus blackbox exporter",
        "blackbox_exporter probes endpoints on request and reports on 9115.",
        ("prometheus-ports",),
    ),
    UnofficialUse(
        9121,
        _TCP,
        "Prometheus Redis exporter",
        "redis_exporter publishes Redis metrics on 9121.",
        ("prometheus-ports",),
    ),
    UnofficialUse(
        9150,
        _TCP,
        "Tor Browser SOCKS proxy",
        ("Tor Browser runs its own tor process with the SOCKS proxy on localhost:9150."),
        ("tor-support",),
    ),
    UnofficialUse(
        9187,
        _TCP,
        "Prometheus PostgreSQL exporter",
        "postgres_exporter publishes PostgreSQL metrics on 9187.",
        ("prometheus-ports",),
    ),
    UnofficialUse(
        9200,
        _TCP,
        "Elasticsearch / OpenSearch REST API",
        (
            "Elasticsearch serves its REST API on 9200. Old or misconfigured clusters "
            "without security have leaked huge amounts of data from the internet."
        ),
        ("elasticsearch-network",),
        risk=_EXPOSURE,
    ),
    UnofficialUse(
        9222,
        _TCP,
        "Chrome remote debugging",
        (
            "Chrome or Chromium started with --remote-debugging-port=9222 accepts "
            "DevTools Protocol clients here. Anyone reaching it can control the "
            "browser and read its sessions."
        ),
        ("chrome-devtools-protocol",),
        risk=_EXPOSURE,
    ),
    UnofficialUse(
        9229,
        _TCP,
        "Node.js inspector",
        (
            "node --inspect opens a debugging endpoint on 127.0.0.1:9229. Binding it "
            "to a public address hands out remote code execution."
        ),
        ("node-debugging",),
        risk=_EXPOSURE,
    ),
    UnofficialUse(
        9300,
        _TCP,
        "Elasticsearch transport",
        (
            "Elasticsearch nodes talk to each other on 9300 (transport layer); clients "
            "should not need it."
        ),
        ("elasticsearch-network",),
    ),
    UnofficialUse(
        9411,
        _TCP,
        "Zipkin",
        "The Zipkin server collects spans and serves its UI on 9411.",
        ("zipkin-quickstart",),
    ),
    UnofficialUse(
        9443,
        _TCP,
        "Portainer",
        "Portainer serves its container management UI over HTTPS on 9443.",
        ("portainer-docs",),
    ),
    UnofficialUse(
        9696,
        _TCP,
        "Prowlarr",
        "The Prowlarr indexer manager serves its web UI on 9696.",
        ("servarr-wiki",),
    ),
    UnofficialUse(
        9735,
        _TCP,
        "Lightning Network",
        "Bitcoin Lightning nodes accept peer connections on 9735.",
        ("lightning-bolts",),
    ),
    UnofficialUse(
        9870,
        _TCP,
        "Hadoop HDFS NameNode UI",
        "The HDFS NameNode serves its web UI on 9870 (50070 before Hadoop 3).",
        ("hadoop-hdfs-default",),
    ),
    UnofficialUse(
        9901,
        _TCP,
        "Envoy admin interface",
        (
            "Envoy's admin endpoint is usually configured on 9901. It can change "
            "routing and shut the proxy down, so keep it on localhost."
        ),
        ("envoy-admin",),
        risk=_EXPOSURE,
    ),
    UnofficialUse(
        9993,
        _UDP,
        "ZeroTier",
        "ZeroTier One peers talk to each other and to root servers on UDP 9993.",
        ("zerotier-docs",),
    ),
    UnofficialUse(
        9996,
        _TCP,
        "Sasser worm remote shell",
        "The Sasser worm opened a remote shell on 9996 on infected machines.",
        ("isc-9996",),
        risk=_MALWARE,
    ),
    UnofficialUse(
        10000,
        _TCP,
        "Webmin",
        "Webmin's web-based system administration panel listens on 10000.",
        ("webmin",),
        risk=_EXPOSURE,
    ),
    UnofficialUse(
        10001,
        _UDP,
        "UniFi device discovery",
        ("UniFi devices and controllers discover each other with broadcasts on 10001."),
        ("unifi-ports",),
    ),
    UnofficialUse(
        10050,
        _TCP,
        "Zabbix agent",
        "The Zabbix agent answers the Zabbix server's checks on 10050.",
        ("zabbix-manual", "iana-ports"),
    ),
    UnofficialUse(
        10051,
        _TCP,
        "Zabbix server / proxy trapper",
        "The Zabbix server and proxies receive data from active agents on 10051.",
        ("zabbix-manual", "iana-ports"),
    ),
    UnofficialUse(
        10250,
        _TCP,
        "Kubernetes kubelet API",
        (
            "Each node's kubelet serves its API on 10250. If anonymous access is left "
            "on, attackers can run commands in pods."
        ),
        ("k8s-ports",),
        risk=_EXPOSURE,
    ),
    UnofficialUse(
        10255,
        _TCP,
        "Kubernetes kubelet read-only port",
        (
            "Older clusters expose an unauthenticated read-only kubelet API on 10255 "
            "that lists pods and their configuration."
        ),
        ("k8s-kubelet",),
        risk=_EXPOSURE,
    ),
    UnofficialUse(
        10256,
        _TCP,
        "kube-proxy health check",
        "kube-proxy serves its health endpoint on 10256.",
        ("k8s-ports",),
    ),
    UnofficialUse(
        10257,
        _TCP,
        "kube-controller-manager",
        ("The Kubernetes controller manager serves health and metrics over HTTPS on 10257."),
        ("k8s-ports",),
    ),
    UnofficialUse(
        10259,
        _TCP,
        "kube-scheduler",
        "The Kubernetes scheduler serves health and metrics over HTTPS on 10259.",
        ("k8s-ports",),
    ),
    UnofficialUse(
        11211,
        _TCP_UDP,
        "Memcached",
        (
            "Memcached has no authentication by default. Reachable over UDP it was "
            "abused for record-size reflection DDoS attacks in 2018, so it must never "
            "face the internet."
        ),
        ("memcached-wiki", "cisa-amplification"),
        risk=_EXPOSURE,
    ),
    UnofficialUse(
        11434,
        _TCP,
        "Ollama API",
        (
            "The Ollama server exposes its local LLM API on 11434, without "
            "authentication. Keep it on localhost or behind a proxy that adds auth."
        ),
        ("ollama-repo",),
        risk=_EXPOSURE,
    ),
    UnofficialUse(
        12345,
        _TCP,
        "NetBus remote-access trojan",
        (
            "The NetBus trojan listened on 12345 (and 12346). Most traffic now is "
            "scanning, but 12345 is also a common test port, so check the process."
        ),
        ("isc-12345",),
        risk=_MALWARE,
    ),
    UnofficialUse(
        14268,
        _TCP,
        "Jaeger collector HTTP",
        "Jaeger collectors accept spans over HTTP on 14268.",
        ("jaeger-docs",),
    ),
    UnofficialUse(
        15000,
        _TCP,
        "Istio Envoy admin",
        "Istio sidecars expose the Envoy admin interface on localhost:15000.",
        ("istio-ports",),
    ),
    UnofficialUse(
        15001,
        _TCP,
        "Istio outbound capture",
        "Istio redirects a pod's outgoing traffic to its Envoy sidecar on 15001.",
        ("istio-ports",),
    ),
    UnofficialUse(
        15006,
        _TCP,
        "Istio inbound capture",
        "Istio redirects a pod's incoming traffic to its Envoy sidecar on 15006.",
        ("istio-ports",),
    ),
    UnofficialUse(
        15021,
        _TCP,
        "Istio health checks",
        "Istio sidecars and gateways answer health checks on 15021.",
        ("istio-ports",),
    ),
    UnofficialUse(
        15090,
        _TCP,
        "Istio Envoy Prometheus metrics",
        "Istio's Envoy proxies serve Prometheus metrics on 15090.",
        ("istio-ports",),
    ),
    UnofficialUse(
        15672,
        _TCP,
        "RabbitMQ management UI",
        (
            "The RabbitMQ management plugin serves its web UI and HTTP API on 15672. "
            "The guest account only works from localhost."
        ),
        ("rabbitmq-networking",),
    ),
    UnofficialUse(
        15692,
        _TCP,
        "RabbitMQ Prometheus metrics",
        "RabbitMQ's Prometheus plugin serves metrics on 15692.",
        ("rabbitmq-networking",),
    ),
    UnofficialUse(
        16379,
        _TCP,
        "Redis Cluster bus",
        (
            "Redis Cluster nodes talk to each other on the client port plus 10000, so "
            "16379 for a node on 6379."
        ),
        ("redis-cluster-spec",),
    ),
    UnofficialUse(
        16686,
        _TCP,
        "Jaeger UI",
        "The Jaeger query service serves its trace-search UI on 16686.",
        ("jaeger-docs",),
    ),
    UnofficialUse(
        17500,
        _TCP_UDP,
        "Dropbox LAN sync",
        (
            "The Dropbox desktop client broadcasts on this port and syncs directly "
            "with other Dropbox clients on the same network."
        ),
        ("iana-ports",),
    ),
    UnofficialUse(
        18333,
        _TCP,
        "Bitcoin testnet P2P",
        "Bitcoin nodes on testnet connect to each other on 18333.",
        ("bitcoin-p2p",),
    ),
    UnofficialUse(
        19132,
        _UDP,
        "Minecraft Bedrock Edition server",
        "Bedrock Dedicated Server listens on UDP 19132 (IPv6 on 19133).",
        ("minecraft-bds",),
        high=19133,
    ),
    UnofficialUse(
        19530,
        _TCP,
        "Milvus vector database",
        "Milvus accepts client connections on 19530.",
        ("milvus-docs",),
    ),
    UnofficialUse(
        19999,
        _TCP,
        "Netdata",
        (
            "The Netdata agent serves its real-time monitoring dashboard on 19999. It "
            "shows detailed system information to whoever can reach it."
        ),
        ("netdata-docs",),
        risk=_EXPOSURE,
    ),
    UnofficialUse(
        20034,
        _TCP,
        "NetBus 2 Pro",
        "NetBus 2 Pro, a later version of the NetBus trojan, listened on 20034.",
        ("isc-20034",),
        risk=_MALWARE,
    ),
    UnofficialUse(
        21027,
        _UDP,
        "Syncthing local discovery",
        "Syncthing finds other devices on the LAN with broadcasts on UDP 21027.",
        ("syncthing-firewall",),
    ),
    UnofficialUse(
        22000,
        _TCP_UDP,
        "Syncthing sync protocol",
        "Syncthing devices exchange files on 22000 over TCP and QUIC.",
        ("syncthing-firewall",),
    ),
    UnofficialUse(
        24224,
        _TCP_UDP,
        "Fluentd / Fluent Bit forward",
        "Fluentd and Fluent Bit receive forwarded logs on 24224.",
        ("fluentd-forward",),
    ),
    UnofficialUse(
        25565,
        _TCP,
        "Minecraft Java Edition server",
        "Minecraft Java Edition servers accept players on 25565 by default.",
        ("minecraft-server-properties",),
    ),
    UnofficialUse(
        25575,
        _TCP,
        "Minecraft RCON",
        (
            "Minecraft servers offer remote console access on 25575 when enable-rcon "
            "is set. RCON passwords travel unencrypted and grant full server control."
        ),
        ("minecraft-server-properties", "valve-rcon"),
        risk=_EXPOSURE,
    ),
    UnofficialUse(
        25672,
        _TCP,
        "RabbitMQ inter-node and CLI",
        "RabbitMQ nodes and CLI tools use Erlang distribution on 25672.",
        ("rabbitmq-networking",),
    ),
    UnofficialUse(
        26257,
        _TCP,
        "CockroachDB",
        "CockroachDB nodes accept SQL clients and talk to each other on 26257.",
        ("cockroach-start",),
        risk=_EXPOSURE,
    ),
    UnofficialUse(
        26379,
        _TCP,
        "Redis Sentinel",
        ("Redis Sentinel processes, which monitor Redis and handle failover, listen on 26379."),
        ("redis-sentinel",),
    ),
    UnofficialUse(
        27015,
        _TCP_UDP,
        "Source engine dedicated server",
        (
            "Counter-Strike, Team Fortress 2, Garry's Mod and other Source games host "
            "servers on 27015, with RCON on the same TCP port."
        ),
        ("valve-srcds", "valve-rcon"),
    ),
    UnofficialUse(
        27015,
        _TCP_UDP,
        "Steam client",
        (
            "The Steam client uses UDP 27015-27030 for game traffic and TCP "
            "27015-27050 for downloads."
        ),
        ("steam-ports",),
        high=27050,
    ),
    UnofficialUse(
        27017,
        _TCP,
        "MongoDB",
        (
            "mongod listens on 27017. Thousands of MongoDB servers exposed without "
            "authentication have been wiped and ransomed, so bind to localhost or a "
            "private network."
        ),
        ("mongodb-ports",),
        risk=_EXPOSURE,
    ),
    UnofficialUse(
        27018,
        _TCP,
        "MongoDB shard member",
        "mongod started as a shard server (--shardsvr) listens on 27018 by default.",
        ("mongodb-ports",),
    ),
    UnofficialUse(
        27019,
        _TCP,
        "MongoDB config server",
        ("mongod started as a config server (--configsvr) listens on 27019 by default."),
        ("mongodb-ports",),
    ),
    UnofficialUse(
        27031,
        _TCP_UDP,
        "Steam Remote Play and local transfers",
        (
            "Steam uses UDP 27031-27036 and TCP 27036 for Remote Play streaming and "
            "game transfers between computers on the LAN."
        ),
        ("steam-ports",),
        high=27036,
    ),
    UnofficialUse(
        27374,
        _TCP,
        "SubSeven trojan",
        ("The SubSeven remote-access trojan listened on 27374, and scanners still probe it."),
        ("isc-27374",),
        risk=_MALWARE,
    ),
    UnofficialUse(
        28015,
        _TCP,
        "RethinkDB client driver",
        (
            "RethinkDB accepts client driver connections on 28015, cluster traffic on "
            "29015 and serves its web UI on 8080."
        ),
        ("rethinkdb-docs",),
    ),
    UnofficialUse(
        30000,
        _TCP_UDP,
        "Kubernetes NodePort services",
        (
            "Kubernetes assigns NodePort services a port from 30000 to 32767 on every "
            "node by default."
        ),
        ("k8s-service",),
        high=32767,
    ),
    UnofficialUse(
        30303,
        _TCP_UDP,
        "Ethereum P2P",
        "Ethereum execution clients such as Geth find and talk to peers on 30303.",
        ("ethereum-networking",),
    ),
    UnofficialUse(
        31337,
        _TCP_UDP,
        "Back Orifice ('eleet')",
        (
            "The Back Orifice trojan listened on UDP 31337, and the number is a "
            "hacker-culture favourite for backdoors and CTF services."
        ),
        ("isc-31337",),
        risk=_MALWARE,
    ),
    UnofficialUse(
        32400,
        _TCP,
        "Plex Media Server",
        "Plex Media Server serves its API, web app and streams on 32400.",
        ("plex-ports",),
    ),
    UnofficialUse(
        32410,
        _UDP,
        "Plex GDM discovery",
        ("Plex apps find servers on the local network with GDM broadcasts on UDP 32410-32414."),
        ("plex-ports",),
        high=32414,
    ),
    UnofficialUse(
        32469,
        _TCP,
        "Plex DLNA server",
        "Plex's DLNA server serves media to DLNA players on 32469.",
        ("plex-ports",),
    ),
    UnofficialUse(
        33060,
        _TCP,
        "MySQL X Protocol",
        ("MySQL 8 listens here for the X Protocol used by MySQL Shell and the document store."),
        ("mysql-ports",),
    ),
    UnofficialUse(
        34197,
        _UDP,
        "Factorio server",
        "Factorio multiplayer servers listen on UDP 34197.",
        ("factorio-multiplayer",),
    ),
    UnofficialUse(
        37215,
        _TCP,
        "Huawei HG532 service (botnet target)",
        (
            "Mirai-family botnets such as Satori scan 37215 to exploit CVE-2017-17215 "
            "in Huawei home routers. Hits in firewall logs are exploitation attempts."
        ),
        ("nvd-cve-2017-17215",),
        risk=_MALWARE,
    ),
    UnofficialUse(
        41641,
        _UDP,
        "Tailscale",
        ("tailscaled uses UDP 41641 by default for direct WireGuard connections between devices."),
        ("tailscale-firewall",),
    ),
    UnofficialUse(
        49152,
        _TCP,
        "Windows dynamic RPC services",
        (
            "Windows hands out ports from 49152 to 65535 to outgoing connections and "
            "to RPC services, so listeners just above 49152 (lsass, services, spoolsv, "
            "the scheduler) are normal on Windows. They should not be reachable from "
            "the internet."
        ),
        ("ms-dynamic-port-range", "ms-service-ports"),
    ),
    UnofficialUse(
        50000,
        _TCP,
        "IBM Db2",
        "A default IBM Db2 instance commonly accepts client connections on 50000.",
        ("db2-docs",),
        risk=_EXPOSURE,
    ),
    UnofficialUse(
        50000,
        _TCP,
        "Jenkins inbound agents",
        (
            "Jenkins controllers accept TCP connections from inbound agents on 50000 "
            "in the official Docker setup."
        ),
        ("jenkins-docker",),
    ),
    UnofficialUse(
        50000,
        _TCP,
        "SAP application server (Java)",
        ("SAP NetWeaver Java instances put HTTP on 5<NN>00, so instance 00 shows up as 50000."),
        ("sap-help",),
    ),
    UnofficialUse(
        51413,
        _TCP_UDP,
        "Transmission peer port",
        "The Transmission BitTorrent client listens for peers on 51413 by default.",
        ("transmission",),
    ),
    UnofficialUse(
        51820,
        _UDP,
        "WireGuard",
        (
            "WireGuard interfaces are most often configured to listen on UDP 51820, "
            "the port in its documentation."
        ),
        ("wireguard-quickstart",),
    ),
    UnofficialUse(
        52869,
        _TCP,
        "Realtek SDK UPnP service (botnet target)",
        (
            "Botnets scan 52869 to exploit CVE-2014-8361 in routers built on the "
            "Realtek SDK. Hits in firewall logs are exploitation attempts."
        ),
        ("nvd-cve-2014-8361",),
        risk=_MALWARE,
    ),
    UnofficialUse(
        54320,
        _TCP_UDP,
        "Back Orifice 2000",
        (
            "The Back Orifice 2000 remote-access trojan used 54320 and 54321 by "
            "default; today hits are mostly scans for old infections."
        ),
        ("isc-54320",),
        risk=_MALWARE,
        high=54321,
    ),
    UnofficialUse(
        57621,
        _UDP,
        "Spotify local discovery",
        (
            "The Spotify desktop app broadcasts on this port to find other Spotify "
            "clients on the same network. It is harmless LAN chatter."
        ),
        ("isc-57621",),
    ),
    UnofficialUse(
        60000,
        _UDP,
        "Mosh (mobile shell)",
        ("Mosh servers pick a UDP port from 60000-61000 for each session after the SSH login."),
        ("mosh",),
        high=61000,
    ),
    UnofficialUse(
        61613,
        _TCP,
        "STOMP",
        ("ActiveMQ and RabbitMQ's STOMP plugin accept STOMP text-protocol clients on 61613."),
        ("rabbitmq-networking", "activemq"),
    ),
    UnofficialUse(
        61616,
        _TCP,
        "ActiveMQ OpenWire",
        (
            "ActiveMQ Classic's OpenWire transport listens on 61616. CVE-2023-46604 "
            "let attackers run code through it and was widely exploited, so it must "
            "not face the internet."
        ),
        ("activemq", "nvd-cve-2023-46604"),
        risk=_EXPOSURE,
    ),
    UnofficialUse(
        62078,
        _TCP,
        "iPhone and iPad sync (lockdownd)",
        (
            "iOS devices listen here for Finder, iTunes and Xcode to pair, sync and "
            "debug over Wi-Fi or USB. It is normal on a phone seen on your LAN."
        ),
        ("apple-ports",),
    ),
    UnofficialUse(
        64738,
        _TCP_UDP,
        "Mumble server",
        "The Mumble voice chat server (murmur) accepts clients on 64738.",
        ("mumble",),
    ),
)


@cache
def _index() -> tuple[dict[int, tuple[UnofficialUse, ...]], tuple[UnofficialUse, ...]]:
    # Single-port entries go in a dict; the few ranges are scanned linearly.
    singles: dict[int, list[UnofficialUse]] = {}
    ranges: list[UnofficialUse] = []
    for use in UNOFFICIAL:
        if use.high is None:
            singles.setdefault(use.port, []).append(use)
        else:
            ranges.append(use)
    return {port: tuple(uses) for port, uses in singles.items()}, tuple(ranges)


def uses_for(port: int) -> tuple[UnofficialUse, ...]:
    """Every curated use whose port or range covers ``port``, in catalogue order.

    Ports outside 0-65535 simply have no uses.
    """
    singles, ranges = _index()
    found = singles.get(port, ())
    covering = tuple(use for use in ranges if use.covers(port))
    if not covering:
        return found
    return tuple(sorted((*found, *covering), key=lambda use: (use.port, use.name.lower())))
