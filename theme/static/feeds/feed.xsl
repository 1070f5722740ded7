<?xml version="1.0" encoding="UTF-8"?>
<!--
  Feed preview stylesheet (XSLT 1.0, no extension functions).

  Turns the site's Atom 1.0 and RSS 2.0 feeds (python-feedgen) into a
  readable HTML page when a browser opens a feed URL. Feed readers ignore
  the xml-stylesheet processing instruction, so the feeds themselves are
  unchanged for them.

  Language: Atom /feed/@xml:lang or RSS /rss/channel/language.
  "ar..." gives an Arabic, right-to-left page; anything else is French, ltr.
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:atom="http://www.w3.org/2005/Atom"
                exclude-result-prefixes="atom">

  <xsl:output method="html" encoding="UTF-8" indent="no"
              doctype-system="about:legacy-compat"/>

  <xsl:variable name="UPPER" select="'ABCDEFGHIJKLMNOPQRSTUVWXYZ'"/>
  <xsl:variable name="LOWER" select="'abcdefghijklmnopqrstuvwxyz'"/>

  <!-- Feed language as written in the feed, and lower-cased. -->
  <xsl:variable name="lang-raw"
                select="normalize-space(/atom:feed/@xml:lang | /rss/channel/language)"/>
  <xsl:variable name="lang" select="translate($lang-raw, $UPPER, $LOWER)"/>
  <xsl:variable name="is-ar" select="starts-with($lang, 'ar')"/>
  <xsl:variable name="lang2" select="substring($lang, 1, 2)"/>

  <xsl:variable name="dir">
    <xsl:choose>
      <xsl:when test="$is-ar">rtl</xsl:when>
      <xsl:otherwise>ltr</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <!-- Interface strings. -->
  <xsl:variable name="t-notice">
    <xsl:choose>
      <xsl:when test="$is-ar">هذه صفحة تدفق أخبار (فيد). انسخ عنوانها في تطبيق قارئ الأخبار لتتوصل بالبلاغات الجديدة فور نشرها.</xsl:when>
      <xsl:otherwise>Ceci est un flux d'actualités. Copiez son adresse dans votre lecteur de flux pour recevoir les nouveaux communiqués dès leur publication.</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="t-feed-address">
    <xsl:choose>
      <xsl:when test="$is-ar">عنوان التدفق:</xsl:when>
      <xsl:otherwise>Adresse du flux :</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="t-back">
    <xsl:choose>
      <xsl:when test="$is-ar">زيارة الموقع</xsl:when>
      <xsl:otherwise>Visiter le site</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="t-entries">
    <xsl:choose>
      <xsl:when test="$is-ar">آخر البلاغات</xsl:when>
      <xsl:otherwise>Derniers communiqués</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="t-empty">
    <xsl:choose>
      <xsl:when test="$is-ar">لا توجد بلاغات في هذا التدفق حاليا.</xsl:when>
      <xsl:otherwise>Ce flux ne contient aucun communiqué pour le moment.</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="t-categories">
    <xsl:choose>
      <xsl:when test="$is-ar">التصنيفات</xsl:when>
      <xsl:otherwise>Catégories</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <!-- Feed-level values, whichever format. -->
  <xsl:variable name="feed-title"
                select="normalize-space(/atom:feed/atom:title | /rss/channel/title)"/>
  <xsl:variable name="feed-subtitle"
                select="normalize-space(/atom:feed/atom:subtitle | /rss/channel/description)"/>
  <xsl:variable name="feed-self"
                select="normalize-space((/atom:feed/atom:link[@rel='self']/@href
                                        | /rss/channel/atom:link[@rel='self']/@href)[1])"/>
  <xsl:variable name="site-link">
    <xsl:choose>
      <xsl:when test="/atom:feed/atom:link[@rel='alternate']">
        <xsl:value-of select="normalize-space(/atom:feed/atom:link[@rel='alternate'][1]/@href)"/>
      </xsl:when>
      <xsl:when test="/atom:feed/atom:link[not(@rel)]">
        <xsl:value-of select="normalize-space(/atom:feed/atom:link[not(@rel)][1]/@href)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="normalize-space(/rss/channel/link)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <xsl:template match="/">
    <html dir="{$dir}">
      <xsl:if test="$lang-raw != ''">
        <xsl:attribute name="lang"><xsl:value-of select="$lang-raw"/></xsl:attribute>
      </xsl:if>
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="robots" content="noindex"/>
        <title><xsl:value-of select="$feed-title"/></title>
        <link rel="stylesheet" href="/theme/feeds/feed.css"/>
      </head>
      <body>
        <div class="notice-band">
          <div class="wrap">
            <aside class="notice" role="note">
              <p><xsl:value-of select="$t-notice"/></p>
              <xsl:if test="$feed-self != ''">
                <p class="address">
                  <xsl:value-of select="$t-feed-address"/>
                  <code dir="ltr"><xsl:value-of select="$feed-self"/></code>
                </p>
              </xsl:if>
            </aside>
          </div>
        </div>

        <header class="masthead">
          <div class="wrap">
            <h1><xsl:value-of select="$feed-title"/></h1>
            <xsl:if test="$feed-subtitle != '' and $feed-subtitle != $feed-title">
              <p class="subtitle"><xsl:value-of select="$feed-subtitle"/></p>
            </xsl:if>
            <xsl:if test="$site-link != ''">
              <p class="site-link">
                <a href="{$site-link}"><xsl:value-of select="$t-back"/></a>
              </p>
            </xsl:if>
          </div>
        </header>

        <main class="wrap">
          <h2><xsl:value-of select="$t-entries"/></h2>
          <xsl:choose>
            <xsl:when test="/atom:feed/atom:entry | /rss/channel/item">
              <ol class="entries">
                <xsl:apply-templates select="/atom:feed/atom:entry | /rss/channel/item"/>
              </ol>
            </xsl:when>
            <xsl:otherwise>
              <p class="empty"><xsl:value-of select="$t-empty"/></p>
            </xsl:otherwise>
          </xsl:choose>
        </main>
      </body>
    </html>
  </xsl:template>

  <!-- ===== Atom entry ===== -->
  <xsl:template match="atom:entry">
    <!-- The entry's page in the feed's language: an alternate link without
         hreflang, or whose hreflang matches the feed; else any alternate. -->
    <xsl:variable name="href">
      <xsl:choose>
        <xsl:when test="atom:link[@rel='alternate' and not(@hreflang)]">
          <xsl:value-of select="atom:link[@rel='alternate' and not(@hreflang)][1]/@href"/>
        </xsl:when>
        <xsl:when test="atom:link[@rel='alternate'][substring(translate(@hreflang, $UPPER, $LOWER), 1, 2) = $lang2]">
          <xsl:value-of select="atom:link[@rel='alternate'][substring(translate(@hreflang, $UPPER, $LOWER), 1, 2) = $lang2][1]/@href"/>
        </xsl:when>
        <xsl:when test="atom:link[@rel='alternate']">
          <xsl:value-of select="atom:link[@rel='alternate'][1]/@href"/>
        </xsl:when>
        <xsl:when test="atom:link[not(@rel)]">
          <xsl:value-of select="atom:link[not(@rel)][1]/@href"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:value-of select="atom:id"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="date">
      <xsl:choose>
        <xsl:when test="normalize-space(atom:published) != ''">
          <xsl:value-of select="substring(normalize-space(atom:published), 1, 10)"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:value-of select="substring(normalize-space(atom:updated), 1, 10)"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>

    <li class="entry">
      <h3>
        <xsl:call-template name="title-link">
          <xsl:with-param name="href" select="normalize-space($href)"/>
          <xsl:with-param name="title" select="normalize-space(atom:title)"/>
        </xsl:call-template>
      </h3>
      <xsl:variable name="others"
                    select="atom:link[@rel='alternate' and @hreflang and @href != normalize-space($href)
                            and substring(translate(@hreflang, $UPPER, $LOWER), 1, 2) != $lang2]"/>
      <xsl:if test="$date != '' or $others">
        <p class="meta">
          <xsl:if test="$date != ''">
            <time datetime="{$date}" dir="ltr"><xsl:value-of select="$date"/></time>
          </xsl:if>
          <xsl:for-each select="$others">
            <xsl:call-template name="translation-link"/>
          </xsl:for-each>
        </p>
      </xsl:if>
      <xsl:call-template name="summary">
        <xsl:with-param name="text" select="normalize-space(atom:summary | atom:content[not(../atom:summary)])"/>
      </xsl:call-template>
      <xsl:if test="atom:category">
        <ul class="categories" aria-label="{$t-categories}">
          <xsl:for-each select="atom:category">
            <li>
              <xsl:choose>
                <xsl:when test="normalize-space(@label) != ''">
                  <xsl:value-of select="normalize-space(@label)"/>
                </xsl:when>
                <xsl:otherwise>
                  <xsl:value-of select="normalize-space(@term)"/>
                </xsl:otherwise>
              </xsl:choose>
            </li>
          </xsl:for-each>
        </ul>
      </xsl:if>
    </li>
  </xsl:template>

  <!-- ===== RSS 2.0 item ===== -->
  <xsl:template match="item">
    <xsl:variable name="date" select="normalize-space(pubDate)"/>
    <li class="entry">
      <h3>
        <xsl:call-template name="title-link">
          <xsl:with-param name="href" select="normalize-space(link)"/>
          <xsl:with-param name="title" select="normalize-space(title)"/>
        </xsl:call-template>
      </h3>
      <xsl:if test="$date != ''">
        <p class="meta">
          <time dir="ltr"><xsl:value-of select="$date"/></time>
        </p>
      </xsl:if>
      <xsl:call-template name="summary">
        <xsl:with-param name="text" select="normalize-space(description)"/>
      </xsl:call-template>
      <xsl:if test="category[normalize-space(.) != '']">
        <ul class="categories" aria-label="{$t-categories}">
          <xsl:for-each select="category[normalize-space(.) != '']">
            <li><xsl:value-of select="normalize-space(.)"/></li>
          </xsl:for-each>
        </ul>
      </xsl:if>
    </li>
  </xsl:template>

  <!-- ===== Helpers ===== -->
  <xsl:template name="title-link">
    <xsl:param name="href"/>
    <xsl:param name="title"/>
    <xsl:variable name="label">
      <xsl:choose>
        <xsl:when test="$title != ''"><xsl:value-of select="$title"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$href"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$href != ''">
        <a href="{$href}"><xsl:value-of select="$label"/></a>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="$label"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Summary shown as plain text (escaped markup is not interpreted). -->
  <xsl:template name="summary">
    <xsl:param name="text"/>
    <xsl:if test="$text != ''">
      <p class="summary"><xsl:value-of select="$text"/></p>
    </xsl:if>
  </xsl:template>

  <!-- Link to the same communiqué in the other language (context: atom:link). -->
  <xsl:template name="translation-link">
    <xsl:variable name="hl" select="translate(@hreflang, $UPPER, $LOWER)"/>
    <a class="translation" href="{@href}" hreflang="{@hreflang}" lang="{@hreflang}">
      <xsl:choose>
        <xsl:when test="starts-with($hl, 'ar')">
          <xsl:attribute name="dir">rtl</xsl:attribute>
          <xsl:text>العربية</xsl:text>
        </xsl:when>
        <xsl:when test="starts-with($hl, 'fr')">
          <xsl:attribute name="dir">ltr</xsl:attribute>
          <xsl:text>Français</xsl:text>
        </xsl:when>
        <xsl:otherwise>
          <xsl:value-of select="@hreflang"/>
        </xsl:otherwise>
      </xsl:choose>
    </a>
  </xsl:template>

</xsl:stylesheet>
