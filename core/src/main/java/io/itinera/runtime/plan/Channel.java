package io.itinera.runtime.plan;

public enum Channel {
	EMAIL, SMS, PUSH, INAPP
}
